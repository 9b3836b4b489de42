-- Stored evaluation runs are never changed afterwards (issue 4; issue 7 "integrity"): the database itself refuses
-- any change to a scorecard and any change to a run once it has left 'running'. Re-running a period makes a new version.
CREATE TRIGGER IF NOT EXISTS `scorecards_immutable_update` BEFORE UPDATE ON `scorecards`
BEGIN SELECT RAISE(ABORT, 'scorecards of a stored evaluation run cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `scorecards_immutable_delete` BEFORE DELETE ON `scorecards`
BEGIN SELECT RAISE(ABORT, 'scorecards of a stored evaluation run cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `evaluation_runs_immutable_update` BEFORE UPDATE ON `evaluation_runs` WHEN OLD.`status` <> 'running'
BEGIN SELECT RAISE(ABORT, 'a stored evaluation run cannot be changed'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `evaluation_runs_immutable_delete` BEFORE DELETE ON `evaluation_runs` WHEN OLD.`status` = 'completed'
BEGIN SELECT RAISE(ABORT, 'a stored evaluation run cannot be deleted'); END;
