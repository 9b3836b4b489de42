ALTER TABLE `payout_runs` ADD `payee_snapshot` text;--> statement-breakpoint
ALTER TABLE `payout_runs` ADD `approval_fingerprint` text;--> statement-breakpoint
-- The approval seal (payee snapshot and fingerprint) is written in the same update that approves the run, and frozen
-- with the run's other columns from then on (issue 13, defects 6 and 8).
DROP TRIGGER IF EXISTS `payout_runs_frozen_columns`;
--> statement-breakpoint
CREATE TRIGGER `payout_runs_frozen_columns` BEFORE UPDATE ON `payout_runs`
WHEN OLD.`status` <> 'draft' AND (
  NEW.`program_id` IS NOT OLD.`program_id` OR NEW.`period` IS NOT OLD.`period` OR NEW.`version` IS NOT OLD.`version`
  OR NEW.`currency` IS NOT OLD.`currency` OR NEW.`total_minor` IS NOT OLD.`total_minor`
  OR NEW.`program_snapshot` IS NOT OLD.`program_snapshot` OR NEW.`inputs_fingerprint` IS NOT OLD.`inputs_fingerprint`
  OR NEW.`calculated_at` IS NOT OLD.`calculated_at` OR NEW.`approved_at` IS NOT OLD.`approved_at`
  OR NEW.`approved_by` IS NOT OLD.`approved_by` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`id` IS NOT OLD.`id`
  OR NEW.`payee_snapshot` IS NOT OLD.`payee_snapshot` OR NEW.`approval_fingerprint` IS NOT OLD.`approval_fingerprint`)
BEGIN SELECT RAISE(ABORT, 'FROZEN: an approved payout run cannot be changed (only marked paid or void)'); END;
