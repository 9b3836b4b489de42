ALTER TABLE `products` ADD `hq_prices` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The price periods of a product whose prices come from HQ (hq_prices, set by `pwb hq pull` when HQ's item lists
-- prices) are read-only here like the product itself; only the pull writes them.
CREATE TRIGGER `product_prices_hq_readonly_insert` BEFORE INSERT ON `product_prices`
WHEN pwb_hq_pulling() = 0 AND (SELECT `hq_prices` FROM `products` WHERE `id` = NEW.`product_id`) = 1
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: productPrice'); END;
--> statement-breakpoint
CREATE TRIGGER `product_prices_hq_readonly_update` BEFORE UPDATE ON `product_prices`
WHEN pwb_hq_pulling() = 0 AND ((SELECT `hq_prices` FROM `products` WHERE `id` = OLD.`product_id`) = 1 OR (SELECT `hq_prices` FROM `products` WHERE `id` = NEW.`product_id`) = 1)
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: productPrice'); END;
--> statement-breakpoint
CREATE TRIGGER `product_prices_hq_readonly_delete` BEFORE DELETE ON `product_prices`
WHEN pwb_hq_pulling() = 0 AND (SELECT `hq_prices` FROM `products` WHERE `id` = OLD.`product_id`) = 1
BEGIN SELECT RAISE(ABORT, 'READ_ONLY_HQ: productPrice'); END;
