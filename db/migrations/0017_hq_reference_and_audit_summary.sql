CREATE TABLE `audit_daily` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`user` text NOT NULL,
	`operation` text NOT NULL,
	`outcome` text NOT NULL,
	`count` integer NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_daily_key_uq` ON `audit_daily` (`day`,`user`,`operation`,`outcome`);--> statement-breakpoint
ALTER TABLE `territories` ADD `hq_version` integer;--> statement-breakpoint
ALTER TABLE `training_courses` ADD `hq_version` integer;--> statement-breakpoint
ALTER TABLE `products` ADD `hq_version` integer;--> statement-breakpoint
-- The audit summary published to HQ: every audit record counts once, in the same transaction as the record.
CREATE TRIGGER `audit_daily_count` AFTER INSERT ON `audit_log`
BEGIN
  INSERT INTO `audit_daily` (`day`, `user`, `operation`, `outcome`, `count`, `first_at`, `last_at`)
  VALUES (substr(NEW.`at`, 1, 10), NEW.`user`, NEW.`operation`, NEW.`outcome`, 1, NEW.`at`, NEW.`at`)
  ON CONFLICT (`day`, `user`, `operation`, `outcome`) DO UPDATE SET `count` = `count` + 1, `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`);
END;
--> statement-breakpoint
INSERT INTO `audit_daily` (`day`, `user`, `operation`, `outcome`, `count`, `first_at`, `last_at`)
SELECT substr(`at`, 1, 10), `user`, `operation`, `outcome`, count(*), min(`at`), max(`at`) FROM `audit_log` GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
--> statement-breakpoint
-- Rows mirroring HQ reference data (hq_version set by `pwb hq pull`) are read-only here; only the pull writes them.
CREATE TRIGGER `territories_hq_readonly_update` BEFORE UPDATE ON `territories` WHEN OLD.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: territory'); END;
--> statement-breakpoint
CREATE TRIGGER `territories_hq_readonly_delete` BEFORE DELETE ON `territories` WHEN OLD.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: territory'); END;
--> statement-breakpoint
CREATE TRIGGER `territories_hq_readonly_insert` BEFORE INSERT ON `territories` WHEN NEW.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: territory'); END;
--> statement-breakpoint
CREATE TRIGGER `products_hq_readonly_update` BEFORE UPDATE ON `products` WHEN OLD.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: product'); END;
--> statement-breakpoint
CREATE TRIGGER `products_hq_readonly_delete` BEFORE DELETE ON `products` WHEN OLD.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: product'); END;
--> statement-breakpoint
CREATE TRIGGER `products_hq_readonly_insert` BEFORE INSERT ON `products` WHEN NEW.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: product'); END;
--> statement-breakpoint
CREATE TRIGGER `training_courses_hq_readonly_update` BEFORE UPDATE ON `training_courses` WHEN OLD.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: course'); END;
--> statement-breakpoint
CREATE TRIGGER `training_courses_hq_readonly_delete` BEFORE DELETE ON `training_courses` WHEN OLD.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: course'); END;
--> statement-breakpoint
CREATE TRIGGER `training_courses_hq_readonly_insert` BEFORE INSERT ON `training_courses` WHEN NEW.`hq_version` IS NOT NULL AND pwb_hq_pulling() = 0
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: course'); END;
