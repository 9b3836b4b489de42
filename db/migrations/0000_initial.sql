CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`channel_type` text NOT NULL,
	`tier` text DEFAULT 'tier3' NOT NULL,
	`region` text,
	`province` text,
	`city` text,
	`status` text DEFAULT 'prospect' NOT NULL,
	`owner` text,
	`contact_name` text,
	`phone` text,
	`email` text,
	`address` text,
	`credit_code` text,
	`bank_name` text,
	`bank_account` text,
	`joined_on` text,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_code_uq` ON `partners` (`code`);--> statement-breakpoint
CREATE INDEX `partners_channel_idx` ON `partners` (`channel_type`,`tier`);--> statement-breakpoint
CREATE INDEX `partners_region_idx` ON `partners` (`region`);--> statement-breakpoint
CREATE INDEX `partners_live_idx` ON `partners` (`deleted_at`) WHERE "partners"."deleted_at" is null;--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`date` text NOT NULL,
	`score` real NOT NULL,
	`comment` text,
	`dedupe_key` text NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_dedupe_uq` ON `feedback` (`partner_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `feedback_partner_date_idx` ON `feedback` (`partner_id`,`date`);--> statement-breakpoint
CREATE TABLE `sales_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`date` text NOT NULL,
	`order_ref` text,
	`line_ref` text,
	`product` text,
	`category` text,
	`quantity` real DEFAULT 0 NOT NULL,
	`amount_minor` integer NOT NULL,
	`cost_minor` integer,
	`customer_ref` text,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`dedupe_key` text NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_partner_dedupe_uq` ON `sales_lines` (`partner_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `sales_partner_date_idx` ON `sales_lines` (`partner_id`,`date`,`amount_minor`,`cost_minor`,`quantity`);--> statement-breakpoint
CREATE INDEX `sales_date_idx` ON `sales_lines` (`date`);--> statement-breakpoint
CREATE INDEX `sales_import_idx` ON `sales_lines` (`import_id`);--> statement-breakpoint
CREATE INDEX `sales_customer_idx` ON `sales_lines` (`partner_id`,`customer_ref`,`date`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`period` text NOT NULL,
	`metric` text DEFAULT 'revenue' NOT NULL,
	`value` integer NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_partner_period_metric_uq` ON `targets` (`partner_id`,`period`,`metric`);--> statement-breakpoint
CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text NOT NULL,
	`category` text NOT NULL,
	`validity_months` integer,
	`required_tiers` text DEFAULT '[]' NOT NULL,
	`required_channel_types` text DEFAULT '[]' NOT NULL,
	`passing_score` real,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_courses_code_uq` ON `training_courses` (`code`);--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`trainee` text NOT NULL,
	`completed_on` text NOT NULL,
	`score` real,
	`passed` integer NOT NULL,
	`certificate_no` text,
	`expires_on` text,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_records_uq` ON `training_records` (`partner_id`,`course_id`,`trainee`,`completed_on`);--> statement-breakpoint
CREATE INDEX `training_records_partner_idx` ON `training_records` (`partner_id`,`course_id`,`expires_on`);--> statement-breakpoint
CREATE TABLE `import_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_changes_import_idx` ON `import_changes` (`import_id`);--> statement-breakpoint
CREATE TABLE `import_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`row_number` integer NOT NULL,
	`column` text,
	`value` text,
	`message` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_errors_import_idx` ON `import_errors` (`import_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`mapping` text,
	`status` text NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer,
	`started_at` text NOT NULL,
	`finished_at` text,
	`undone_at` text,
	`user` text
);
--> statement-breakpoint
CREATE INDEX `imports_started_idx` ON `imports` (`started_at`);--> statement-breakpoint
CREATE TABLE `incentive_programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`period_kind` text NOT NULL,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`definition` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incentive_programs_code_uq` ON `incentive_programs` (`code`);--> statement-breakpoint
CREATE TABLE `payout_inquiries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_id` integer NOT NULL,
	`question` text NOT NULL,
	`answer` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `payout_lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payout_inquiries_line_idx` ON `payout_inquiries` (`line_id`);--> statement-breakpoint
CREATE TABLE `payout_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`kind` text DEFAULT 'calculated' NOT NULL,
	`basis_minor` integer DEFAULT 0 NOT NULL,
	`attainment` real,
	`tier_reached` integer,
	`rate` real,
	`amount_minor` integer NOT NULL,
	`explanation` text NOT NULL,
	`reason` text,
	`relates_to_line_id` integer,
	`details` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payout_lines_run_idx` ON `payout_lines` (`run_id`,`partner_id`);--> statement-breakpoint
CREATE TABLE `payout_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`period` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`currency` text NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`program_snapshot` text NOT NULL,
	`inputs_fingerprint` text NOT NULL,
	`calculated_at` text NOT NULL,
	`approved_at` text,
	`approved_by` text,
	`paid_at` text,
	`payment_ref` text,
	`voided_at` text,
	`void_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `incentive_programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_runs_program_period_version_uq` ON `payout_runs` (`program_id`,`period`,`version`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`run_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`generated_at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statements_number_uq` ON `statements` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `statements_run_partner_uq` ON `statements` (`run_id`,`partner_id`);--> statement-breakpoint
CREATE TABLE `deal_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer,
	`customer_name` text NOT NULL,
	`customer_key` text NOT NULL,
	`customer_credit_code` text,
	`product_line` text NOT NULL,
	`expected_value_minor` integer NOT NULL,
	`quoted_price_minor` integer,
	`expected_close_on` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`registered_at` text NOT NULL,
	`protected_until` text,
	`conflicts` text,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_registrations_customer_idx` ON `deal_registrations` (`customer_key`);--> statement-breakpoint
CREATE INDEX `deal_registrations_credit_idx` ON `deal_registrations` (`customer_credit_code`);--> statement-breakpoint
CREATE TABLE `risk_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`description` text NOT NULL,
	`owner` text,
	`due_on` text,
	`done_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_actions_risk_idx` ON `risk_actions` (`risk_id`);--> statement-breakpoint
CREATE TABLE `risk_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`changed_at` text NOT NULL,
	`changed_by` text NOT NULL,
	`changes` text NOT NULL,
	`snapshot` text NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_history_risk_idx` ON `risk_history` (`risk_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`category` text NOT NULL,
	`partner_id` integer,
	`likelihood` integer NOT NULL,
	`impact` integer NOT NULL,
	`residual_likelihood` integer,
	`residual_impact` integer,
	`owner` text,
	`treatment` text,
	`status` text DEFAULT 'open' NOT NULL,
	`next_review_on` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`rule_code` text,
	`review_requested` integer DEFAULT false NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risks_code_uq` ON `risks` (`code`);--> statement-breakpoint
CREATE INDEX `risks_partner_idx` ON `risks` (`partner_id`,`rule_code`,`status`);--> statement-breakpoint
CREATE INDEX `risks_status_idx` ON `risks` (`status`,`next_review_on`);--> statement-breakpoint
CREATE TABLE `evaluation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` integer,
	`period` text NOT NULL,
	`period_kind` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`partner_count` integer DEFAULT 0 NOT NULL,
	`inputs_fingerprint` text,
	`settings_snapshot` text,
	`error` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`schedule_id`) REFERENCES `evaluation_schedules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_runs_period_version_uq` ON `evaluation_runs` (`period`,`version`);--> statement-breakpoint
CREATE INDEX `evaluation_runs_schedule_idx` ON `evaluation_runs` (`schedule_id`,`period`);--> statement-breakpoint
CREATE TABLE `evaluation_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`cycle` text NOT NULL,
	`tiers` text DEFAULT '[]' NOT NULL,
	`channel_types` text DEFAULT '[]' NOT NULL,
	`regions` text DEFAULT '[]' NOT NULL,
	`lag_days` integer DEFAULT 5 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `schedule_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` integer NOT NULL,
	`period` text NOT NULL,
	`evaluation_run_id` integer,
	`outcome` text NOT NULL,
	`message` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`schedule_id`) REFERENCES `evaluation_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluation_run_id`) REFERENCES `evaluation_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_runs_schedule_period_uq` ON `schedule_runs` (`schedule_id`,`period`);--> statement-breakpoint
CREATE TABLE `scorecards` (
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
	FOREIGN KEY (`run_id`) REFERENCES `evaluation_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_run_partner_uq` ON `scorecards` (`run_id`,`partner_id`);--> statement-breakpoint
CREATE INDEX `scorecards_partner_idx` ON `scorecards` (`partner_id`);--> statement-breakpoint
CREATE TABLE `tier_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scorecard_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`from_tier` text NOT NULL,
	`to_tier` text NOT NULL,
	`decision` text NOT NULL,
	`effective_on` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tier_decisions_scorecard_uq` ON `tier_decisions` (`scorecard_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user` text NOT NULL,
	`operation` text NOT NULL,
	`entity` text,
	`entity_id` text,
	`before` text,
	`after` text,
	`outcome` text DEFAULT 'ok' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user`,`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
