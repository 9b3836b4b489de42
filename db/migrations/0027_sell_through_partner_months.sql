-- Hand-edited: WITHOUT ROWID (a partner's months are one range of the table, as sales_partner_months).
CREATE TABLE `sell_through_partner_months` (
	`partner_id` integer NOT NULL,
	`month` integer NOT NULL,
	`quantity` real NOT NULL,
	`amount_minor` integer NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sell_through_summary_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`max_line_id` integer NOT NULL
);
--> statement-breakpoint
-- Hand-added: fill it from the lines already imported (the same grouping as inventory/store/partnerMonths.ts REBUILD).
INSERT INTO `sell_through_partner_months` (`partner_id`, `month`, `quantity`, `amount_minor`, `lines`)
SELECT `partner_id`, cast(substr(`date`, 1, 4) AS integer) * 12 + cast(substr(`date`, 6, 2) AS integer) - 1,
       sum(`quantity`), coalesce(sum(`amount_minor`), 0), count(*)
  FROM `sell_through_lines`
 GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO `sell_through_summary_state` (`id`, `max_line_id`) SELECT 1, coalesce(max(`id`), 0) FROM `sell_through_lines`;
