CREATE TABLE `coverage_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`territory_id` integer NOT NULL,
	`area_id` integer,
	`channel_type` text,
	`min_partners` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coverage_targets_territory_idx` ON `coverage_targets` (`territory_id`);--> statement-breakpoint
CREATE TABLE `territories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`parent_id` integer,
	`kind` text DEFAULT 'territory' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `territories_code_uq` ON `territories` (`code`);--> statement-breakpoint
CREATE INDEX `territories_parent_idx` ON `territories` (`parent_id`);--> statement-breakpoint
CREATE TABLE `channel_managers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`territory_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `channel_managers_name_idx` ON `channel_managers` (`name`);--> statement-breakpoint
CREATE TABLE `partner_manager_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`from_manager_id` integer,
	`to_manager_id` integer,
	`changed_on` text NOT NULL,
	`reason` text,
	`changed_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_manager_id`) REFERENCES `channel_managers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_manager_id`) REFERENCES `channel_managers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_manager_history_partner_idx` ON `partner_manager_history` (`partner_id`,`id`);--> statement-breakpoint
ALTER TABLE `partners` ADD `territory_id` integer REFERENCES territories(id);--> statement-breakpoint
ALTER TABLE `partners` ADD `channel_manager_id` integer REFERENCES channel_managers(id);--> statement-breakpoint
CREATE INDEX `partners_territory_idx` ON `partners` (`territory_id`);--> statement-breakpoint
ALTER TABLE `scorecards` ADD `region_en` text;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `region_code` text;