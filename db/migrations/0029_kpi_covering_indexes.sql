DROP INDEX `feedback_partner_date_idx`;--> statement-breakpoint
CREATE INDEX `feedback_partner_date_idx` ON `feedback` (`partner_id`,`date`,`score`);--> statement-breakpoint
DROP INDEX `training_records_partner_idx`;--> statement-breakpoint
CREATE INDEX `training_records_partner_idx` ON `training_records` (`partner_id`,`course_id`,`passed`,`completed_on`,`expires_on`);--> statement-breakpoint
CREATE INDEX `targets_partner_metric_period_idx` ON `targets` (`partner_id`,`metric`,`period`,`value`);