CREATE TABLE `target_plan_locks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`node_key` text NOT NULL,
	`amount_minor` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `target_plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_plan_locks_uq` ON `target_plan_locks` (`plan_id`,`node_key`);--> statement-breakpoint
CREATE TABLE `target_plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`version` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`rules` text NOT NULL,
	`allocation` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `target_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_plan_versions_uq` ON `target_plan_versions` (`plan_id`,`version`);--> statement-breakpoint
CREATE INDEX `target_plan_versions_published_idx` ON `target_plan_versions` (`published_at`);--> statement-breakpoint
CREATE TABLE `target_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text,
	`metric` text NOT NULL,
	`period` text NOT NULL,
	`scope` text NOT NULL,
	`total_minor` integer NOT NULL,
	`rules` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_plans_code_uq` ON `target_plans` (`code`);--> statement-breakpoint
ALTER TABLE `targets` ADD `plan_version_id` integer REFERENCES target_plan_versions(id);
--> statement-breakpoint
-- A published plan version is never changed or deleted (issue 17): runs calculated on its targets trace back to it;
-- a revision is a new version.
CREATE TRIGGER IF NOT EXISTS `target_plan_versions_immutable_update` BEFORE UPDATE ON `target_plan_versions`
BEGIN SELECT RAISE(ABORT, 'FROZEN: a published plan version cannot be changed; publish a new version'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `target_plan_versions_immutable_delete` BEFORE DELETE ON `target_plan_versions`
BEGIN SELECT RAISE(ABORT, 'FROZEN: a published plan version cannot be deleted'); END;
