CREATE TABLE `review_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`period` text NOT NULL,
	`source` text NOT NULL,
	`text_zh` text NOT NULL,
	`text_en` text NOT NULL,
	`owner` text,
	`due_on` text,
	`action_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `review_actions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `review_proposals_partner_idx` ON `review_proposals` (`partner_id`,`period`);--> statement-breakpoint
CREATE TABLE `target_plan_uses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_version_id` integer NOT NULL,
	`run_kind` text NOT NULL,
	`run_id` integer NOT NULL,
	`period` text NOT NULL,
	`metric` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_version_id`) REFERENCES `target_plan_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_plan_uses_uq` ON `target_plan_uses` (`plan_version_id`,`run_kind`,`run_id`,`metric`);--> statement-breakpoint
CREATE INDEX `target_plan_uses_run_idx` ON `target_plan_uses` (`run_kind`,`run_id`);