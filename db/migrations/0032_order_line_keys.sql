-- A line is known by its key within its order (issue 16): the unique dedupe index of sales and sell-through lines takes
-- the order reference as a third part ('' for a line without one), so line numbers counted within each order (行号 1,
-- 2 … in every order, as DMS and ERP exports number them) are keys — a later file's order SO2 line 1 is no longer a
-- "duplicate" of an earlier import's SO1 line 1. The stored keys do not change (no row is rewritten, so no change-log
-- entry and nothing to publish to HQ again): a stored line stays a duplicate of the same line in the same order, so
-- re-importing an old file still adds nothing. The old index's keys were unique per partner, so the new one is too.
DROP INDEX `sales_partner_dedupe_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `sales_partner_dedupe_uq` ON `sales_lines` (`partner_id`,`dedupe_key`,ifnull(`order_ref`, ''));--> statement-breakpoint
DROP INDEX `sell_through_dedupe_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `sell_through_dedupe_uq` ON `sell_through_lines` (`partner_id`,`dedupe_key`,ifnull(`order_ref`, ''));
