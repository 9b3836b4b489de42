-- Integrity of money (issue 7): once a payout run leaves 'draft' the database itself refuses to change it,
-- whatever path the write comes from (contract, CLI, import, a bug). Errors start with 'FROZEN: ' and reach
-- the user as FORBIDDEN refusals (audited). Allowed afterwards: approved -> paid (with paid_at, payment_ref)
-- and approved -> void (with voided_at, void_reason). Evaluation runs are protected by 0002.
CREATE TRIGGER IF NOT EXISTS `payout_lines_frozen_insert` BEFORE INSERT ON `payout_lines`
WHEN (SELECT `status` FROM `payout_runs` WHERE `id` = NEW.`run_id`) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'FROZEN: lines cannot be added to an approved, paid or void payout run'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_lines_frozen_update` BEFORE UPDATE ON `payout_lines`
WHEN (SELECT `status` FROM `payout_runs` WHERE `id` = OLD.`run_id`) <> 'draft'
  OR (SELECT `status` FROM `payout_runs` WHERE `id` = NEW.`run_id`) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'FROZEN: lines of an approved, paid or void payout run cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_lines_frozen_delete` BEFORE DELETE ON `payout_lines`
WHEN (SELECT `status` FROM `payout_runs` WHERE `id` = OLD.`run_id`) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'FROZEN: lines of an approved, paid or void payout run cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_runs_frozen_columns` BEFORE UPDATE ON `payout_runs`
WHEN OLD.`status` <> 'draft' AND (
  NEW.`program_id` IS NOT OLD.`program_id` OR NEW.`period` IS NOT OLD.`period` OR NEW.`version` IS NOT OLD.`version`
  OR NEW.`currency` IS NOT OLD.`currency` OR NEW.`total_minor` IS NOT OLD.`total_minor`
  OR NEW.`program_snapshot` IS NOT OLD.`program_snapshot` OR NEW.`inputs_fingerprint` IS NOT OLD.`inputs_fingerprint`
  OR NEW.`calculated_at` IS NOT OLD.`calculated_at` OR NEW.`approved_at` IS NOT OLD.`approved_at`
  OR NEW.`approved_by` IS NOT OLD.`approved_by` OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`id` IS NOT OLD.`id`)
BEGIN SELECT RAISE(ABORT, 'FROZEN: an approved payout run cannot be changed (only marked paid or void)'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_runs_frozen_status` BEFORE UPDATE ON `payout_runs`
WHEN OLD.`status` <> 'draft' AND NEW.`status` IS NOT OLD.`status`
  AND NOT (OLD.`status` = 'approved' AND NEW.`status` IN ('paid', 'void'))
BEGIN SELECT RAISE(ABORT, 'FROZEN: a payout run can only go from approved to paid or void'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_runs_frozen_payment` BEFORE UPDATE ON `payout_runs`
WHEN (OLD.`status` = 'paid' AND (NEW.`paid_at` IS NOT OLD.`paid_at` OR NEW.`payment_ref` IS NOT OLD.`payment_ref`))
  OR (OLD.`status` = 'void' AND (NEW.`voided_at` IS NOT OLD.`voided_at` OR NEW.`void_reason` IS NOT OLD.`void_reason`
      OR NEW.`paid_at` IS NOT OLD.`paid_at` OR NEW.`payment_ref` IS NOT OLD.`payment_ref`))
BEGIN SELECT RAISE(ABORT, 'FROZEN: payment and void details cannot be changed once recorded'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `payout_runs_frozen_delete` BEFORE DELETE ON `payout_runs`
WHEN OLD.`status` <> 'draft'
BEGIN SELECT RAISE(ABORT, 'FROZEN: an approved, paid or void payout run cannot be deleted'); END;
