-- Scorecards without their foreign key to partners (issue 20). The key's child lookups (a partner deleted by an import's
-- undo) needed an index led by partner_id, and each run adds an entry to every partner's range of such an index: a run's
-- COMMIT dirtied every leaf page of it, more with every stored run. Import undo, the one path that deletes partners, now
-- looks for the partner's scorecards itself (one seek per run in scorecards_run_partner_uq) and refuses as before.
-- SQLite cannot drop a foreign key in place: the table is rebuilt with its columns in the order they had (`select *`
-- readers, HQ publish, see the same rows), and the triggers dropped with it are created again as they were.
CREATE TABLE `__new_scorecards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`tier` text NOT NULL,
	`revenue_minor` integer NOT NULL,
	`target_minor` integer,
	`attainment` real,
	`growth_prev` real,
	`growth_yoy` real,
	`gross_margin` real,
	`orders` integer NOT NULL,
	`active_customers` integer NOT NULL,
	`new_customers` integer NOT NULL,
	`retention` real,
	`satisfaction` real,
	`training_compliance` real,
	`open_high_risks` integer DEFAULT 0 NOT NULL,
	`health_score` real NOT NULL,
	`grade` text NOT NULL,
	`rank_in_channel` integer,
	`rank_in_region` integer,
	`tier_recommendation` text,
	`recommendation_reason` text,
	`channel_type` text,
	`region` text,
	`score_parts` text,
	`region_en` text,
	`region_code` text,
	`sell_through_rate` real,
	`days_of_inventory` real,
	`inventory_turnover` real,
	`cross_territory_share` real,
	`below_floor_share` real,
	FOREIGN KEY (`run_id`) REFERENCES `evaluation_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_scorecards` (`id`, `run_id`, `partner_id`, `tier`, `revenue_minor`, `target_minor`, `attainment`, `growth_prev`, `growth_yoy`, `gross_margin`, `orders`, `active_customers`, `new_customers`, `retention`, `satisfaction`, `training_compliance`, `open_high_risks`, `health_score`, `grade`, `rank_in_channel`, `rank_in_region`, `tier_recommendation`, `recommendation_reason`, `channel_type`, `region`, `score_parts`, `region_en`, `region_code`, `sell_through_rate`, `days_of_inventory`, `inventory_turnover`, `cross_territory_share`, `below_floor_share`) SELECT `id`, `run_id`, `partner_id`, `tier`, `revenue_minor`, `target_minor`, `attainment`, `growth_prev`, `growth_yoy`, `gross_margin`, `orders`, `active_customers`, `new_customers`, `retention`, `satisfaction`, `training_compliance`, `open_high_risks`, `health_score`, `grade`, `rank_in_channel`, `rank_in_region`, `tier_recommendation`, `recommendation_reason`, `channel_type`, `region`, `score_parts`, `region_en`, `region_code`, `sell_through_rate`, `days_of_inventory`, `inventory_turnover`, `cross_territory_share`, `below_floor_share` FROM `scorecards` ORDER BY `id`;--> statement-breakpoint
-- A workspace whose scorecards were never published to HQ (older than the change log) has them logged now, as the first
-- publish of a table does (db/changeLog.ts); one that published them keeps its log, and its triggers come back below.
INSERT INTO `change_log` (`tbl`, `row_key`, `op`) SELECT 'scorecards', `id`, 'i' FROM `scorecards`
WHERE NOT EXISTS (SELECT 1 FROM `sqlite_master` WHERE `type` = 'trigger' AND `tbl_name` = 'scorecards' AND `name` LIKE 'cl\_%' ESCAPE '\') ORDER BY `id`;--> statement-breakpoint
DROP TABLE `scorecards`;--> statement-breakpoint
-- Renamed the legacy way: the change log's trigger on evaluation_runs names `scorecards`, which does not exist until the
-- rename, and the current way checks every trigger that names the table (and fails).
PRAGMA legacy_alter_table = ON;--> statement-breakpoint
ALTER TABLE `__new_scorecards` RENAME TO `scorecards`;--> statement-breakpoint
PRAGMA legacy_alter_table = OFF;--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_run_partner_uq` ON `scorecards` (`run_id`,`partner_id`);--> statement-breakpoint
CREATE TRIGGER `scorecards_immutable_update` BEFORE UPDATE ON `scorecards`
BEGIN SELECT RAISE(ABORT, 'scorecards of a stored evaluation run cannot be changed'); END;--> statement-breakpoint
CREATE TRIGGER `scorecards_immutable_delete` BEFORE DELETE ON `scorecards`
BEGIN SELECT RAISE(ABORT, 'scorecards of a stored evaluation run cannot be deleted'); END;--> statement-breakpoint
CREATE TRIGGER `scorecards_immutable_replace_insert` BEFORE INSERT ON `scorecards`
WHEN EXISTS (SELECT 1 FROM `scorecards` WHERE `id` = NEW.`id` OR (`run_id` = NEW.`run_id` AND `partner_id` = NEW.`partner_id`))
BEGIN SELECT RAISE(ABORT, 'scorecards of a stored evaluation run cannot be replaced'); END;--> statement-breakpoint
-- The HQ change-log triggers as db/changeLog.ts names them (a hash of their text): ensureChangeLogTriggers finds them in place.
CREATE TRIGGER `cl_scorecards_i_d6f05c97` AFTER INSERT ON `scorecards` BEGIN INSERT INTO change_log (tbl, row_key, op) VALUES ('scorecards', NEW.id, 'i'); END;--> statement-breakpoint
CREATE TRIGGER `cl_scorecards_u_c679e39b` AFTER UPDATE ON `scorecards` BEGIN INSERT INTO change_log (tbl, row_key, op) VALUES ('scorecards', NEW.id, 'u'); INSERT INTO change_log (tbl, row_key, op) SELECT 'scorecards', OLD.id, 'd' WHERE OLD.id IS NOT NEW.id;  END;--> statement-breakpoint
CREATE TRIGGER `cl_scorecards_d_3ee66751` AFTER DELETE ON `scorecards` BEGIN INSERT INTO change_log (tbl, row_key, op) VALUES ('scorecards', OLD.id, 'd'); END;
