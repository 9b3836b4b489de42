CREATE TABLE `review_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`description` text NOT NULL,
	`owner` text,
	`due_on` text,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_on` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `review_meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_actions_meeting_idx` ON `review_actions` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `review_actions_open_idx` ON `review_actions` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `review_actions_partner_idx` ON `review_actions` (`partner_id`,`status`);--> statement-breakpoint
CREATE TABLE `review_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`period` text NOT NULL,
	`held_on` text NOT NULL,
	`attendees` text DEFAULT '[]' NOT NULL,
	`minutes` text,
	`decisions` text DEFAULT '[]' NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_meetings_partner_idx` ON `review_meetings` (`partner_id`,`held_on`);