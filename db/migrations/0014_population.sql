ALTER TABLE `payout_runs` ADD `population` text;--> statement-breakpoint
ALTER TABLE `evaluation_runs` ADD `population` text;