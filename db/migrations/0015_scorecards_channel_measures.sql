ALTER TABLE `scorecards` ADD `sell_through_rate` real;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `days_of_inventory` real;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `inventory_turnover` real;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `cross_territory_share` real;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `below_floor_share` real;