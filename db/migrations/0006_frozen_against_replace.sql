-- INSERT OR REPLACE / UPDATE OR REPLACE delete the conflicting row WITHOUT firing delete triggers (unless a connection
-- sets recursive_triggers, which a plain sqlite3 shell does not): refuse in the schema any insert or update whose key
-- would replace a frozen row. Errors start with 'FROZEN: ' (FORBIDDEN refusals, audited). Issue 13, defect 8.
CREATE TRIGGER IF NOT EXISTS `payout_lines_frozen_replace_insert` BEFORE INSERT ON `payout_lines`
WHEN NEW.`id` IS NOT NULL AND EXISTS (SELECT 1 FROM `payout_lines` l JOIN `payout_runs` r ON r.`id` = l.`run_id` WHERE l.`id` = NEW.`id` AND r.`status` <> 'draft')
BEGIN SELECT RAISE(ABORT, 'FROZEN: lines of an approved, paid or void payout run cannot be replaced'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_lines_frozen_replace_update` BEFORE UPDATE OF `id` ON `payout_lines`
WHEN NEW.`id` IS NOT OLD.`id` AND EXISTS (SELECT 1 FROM `payout_lines` l JOIN `payout_runs` r ON r.`id` = l.`run_id` WHERE l.`id` = NEW.`id` AND r.`status` <> 'draft')
BEGIN SELECT RAISE(ABORT, 'FROZEN: lines of an approved, paid or void payout run cannot be replaced'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_runs_frozen_replace_insert` BEFORE INSERT ON `payout_runs`
WHEN EXISTS (SELECT 1 FROM `payout_runs` WHERE `status` <> 'draft'
  AND (`id` = NEW.`id` OR (`program_id` = NEW.`program_id` AND `period` = NEW.`period` AND `version` = NEW.`version`)))
BEGIN SELECT RAISE(ABORT, 'FROZEN: an approved, paid or void payout run cannot be replaced'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_runs_frozen_replace_update` BEFORE UPDATE ON `payout_runs`
WHEN EXISTS (SELECT 1 FROM `payout_runs` WHERE `id` <> OLD.`id` AND `status` <> 'draft'
  AND (`id` = NEW.`id` OR (`program_id` = NEW.`program_id` AND `period` = NEW.`period` AND `version` = NEW.`version`)))
BEGIN SELECT RAISE(ABORT, 'FROZEN: an approved, paid or void payout run cannot be replaced'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `scorecards_immutable_replace_insert` BEFORE INSERT ON `scorecards`
WHEN EXISTS (SELECT 1 FROM `scorecards` WHERE `id` = NEW.`id` OR (`run_id` = NEW.`run_id` AND `partner_id` = NEW.`partner_id`))
BEGIN SELECT RAISE(ABORT, 'scorecards of a stored evaluation run cannot be replaced'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `evaluation_runs_immutable_replace_insert` BEFORE INSERT ON `evaluation_runs`
WHEN EXISTS (SELECT 1 FROM `evaluation_runs` WHERE `status` <> 'running' AND (`id` = NEW.`id` OR (`period` = NEW.`period` AND `version` = NEW.`version`)))
BEGIN SELECT RAISE(ABORT, 'a stored evaluation run cannot be replaced'); END;
