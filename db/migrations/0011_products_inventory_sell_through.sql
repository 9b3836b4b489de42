CREATE TABLE `inventory_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`warehouse` text DEFAULT '' NOT NULL,
	`quantity` real NOT NULL,
	`value_minor` integer,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_snapshot_uq` ON `inventory_snapshots` (`partner_id`,`date`,`product_id`,`warehouse`);--> statement-breakpoint
CREATE INDEX `inventory_import_idx` ON `inventory_snapshots` (`import_id`);--> statement-breakpoint
CREATE TABLE `product_prices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`floor_price_minor` integer,
	`list_price_minor` integer,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_prices_product_from_uq` ON `product_prices` (`product_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`product_line` text,
	`unit` text,
	`active` integer DEFAULT true NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_uq` ON `products` (`code`);--> statement-breakpoint
CREATE TABLE `sell_through_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`date` text NOT NULL,
	`quantity` real NOT NULL,
	`amount_minor` integer,
	`currency` text DEFAULT 'CNY' NOT NULL,
	`customer_ref` text,
	`customer_name` text,
	`customer_province` text,
	`customer_territory_id` integer,
	`customer_city` text,
	`order_ref` text,
	`line_ref` text,
	`dedupe_key` text NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_territory_id`) REFERENCES `territories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sell_through_dedupe_uq` ON `sell_through_lines` (`partner_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `sell_through_partner_date_idx` ON `sell_through_lines` (`partner_id`,`date`,`product_id`,`quantity`,`amount_minor`);--> statement-breakpoint
CREATE INDEX `sell_through_customer_idx` ON `sell_through_lines` (`partner_id`,`customer_ref`,`date`);--> statement-breakpoint
CREATE INDEX `sell_through_import_idx` ON `sell_through_lines` (`import_id`);