DROP INDEX `partners_region_idx`;--> statement-breakpoint
ALTER TABLE `partners` DROP COLUMN `region`;--> statement-breakpoint
ALTER TABLE `partners` DROP COLUMN `owner`;