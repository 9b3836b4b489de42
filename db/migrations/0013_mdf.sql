CREATE TABLE `mdf_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fund_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`method` text NOT NULL,
	`basis_minor` integer,
	`basis_period` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mdf_allocations_fund_partner_uq` ON `mdf_allocations` (`fund_id`,`partner_id`);--> statement-breakpoint
CREATE TABLE `mdf_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`actual_leads` integer,
	`actual_revenue_minor` integer,
	`note` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`reject_reason` text,
	`approved_on` text,
	`paid_on` text,
	`payment_ref` text,
	`settled_by` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `mdf_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_claims_request_idx` ON `mdf_claims` (`request_id`,`status`);--> statement-breakpoint
CREATE TABLE `mdf_funds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`period` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`claim_deadline` text NOT NULL,
	`budget_minor` integer NOT NULL,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`territory_id` integer,
	`channel_type` text,
	`tier` text,
	`partner_id` integer,
	`activity_types` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mdf_funds_code_uq` ON `mdf_funds` (`code`);--> statement-breakpoint
CREATE INDEX `mdf_funds_period_idx` ON `mdf_funds` (`starts_on`,`ends_on`);--> statement-breakpoint
CREATE TABLE `mdf_proof_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `mdf_claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_proof_files_claim_idx` ON `mdf_proof_files` (`claim_id`);--> statement-breakpoint
CREATE TABLE `mdf_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fund_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`activity_type` text NOT NULL,
	`title` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`expected_leads` integer,
	`expected_revenue_minor` integer,
	`amount_minor` integer NOT NULL,
	`share` real DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`approved_minor` integer,
	`committed_minor` integer,
	`claim_by` text,
	`decided_at` text,
	`decided_by` text,
	`reject_reason` text,
	`expired_on` text,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `mdf_funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mdf_requests_fund_idx` ON `mdf_requests` (`fund_id`,`status`);--> statement-breakpoint
CREATE INDEX `mdf_requests_partner_idx` ON `mdf_requests` (`partner_id`);