CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tbl` text NOT NULL,
	`row_key` integer NOT NULL,
	`op` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hq_publish_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_attempt_at` text,
	`last_success_at` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `hq_reference` (
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`data` text NOT NULL,
	`pulled_at` text NOT NULL,
	PRIMARY KEY(`kind`, `code`)
);
--> statement-breakpoint
CREATE INDEX `hq_reference_version_idx` ON `hq_reference` (`version`);--> statement-breakpoint
CREATE TABLE `workspace_identity` (
	`id` integer PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`office_name` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
-- A stable id for this workspace at HQ, made once when the workspace is created or first migrated.
INSERT INTO `workspace_identity` (`id`, `workspace_id`)
SELECT 1, lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))
FROM (SELECT hex(randomblob(16)) AS h);
--> statement-breakpoint
INSERT INTO `hq_publish_state` (`id`, `last_seq`) VALUES (1, 0);
--> statement-breakpoint
-- Reference data from HQ is read-only: only `pwb hq pull` (which switches pwb_hq_pulling() on for its own transaction) writes it.
CREATE TRIGGER `hq_reference_readonly_insert` BEFORE INSERT ON `hq_reference` WHEN pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY: reference data from HQ cannot be changed here; HQ changes it and `pwb hq pull` brings it down'); END;
--> statement-breakpoint
CREATE TRIGGER `hq_reference_readonly_update` BEFORE UPDATE ON `hq_reference` WHEN pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY: reference data from HQ cannot be changed here; HQ changes it and `pwb hq pull` brings it down'); END;
--> statement-breakpoint
CREATE TRIGGER `hq_reference_readonly_delete` BEFORE DELETE ON `hq_reference` WHEN pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY: reference data from HQ cannot be changed here; HQ changes it and `pwb hq pull` brings it down'); END;
