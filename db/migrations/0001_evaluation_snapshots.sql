ALTER TABLE `evaluation_runs` ADD `partner_filter` text;--> statement-breakpoint
ALTER TABLE `evaluation_runs` ADD `started_by` text;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `channel_type` text;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `region` text;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `score_parts` text;