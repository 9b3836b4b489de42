CREATE TABLE `sell_through_customer_months` (
	`partner_id` integer NOT NULL,
	`customer` text NOT NULL,
	`month` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`orders` integer NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`customer_name` text,
	`customer_province` text,
	PRIMARY KEY(`partner_id`, `customer`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Hand-added: fill the summary from the lines already imported (the same grouping as inventory/customerMonths.ts).
INSERT INTO `sell_through_customer_months` (`partner_id`, `customer`, `month`, `amount_minor`, `orders`, `first_date`, `last_date`, `customer_name`, `customer_province`)
SELECT `partner_id`, coalesce(`customer_ref`, `customer_name`), substr(`date`, 1, 7), coalesce(sum(`amount_minor`), 0), count(DISTINCT coalesce(`order_ref`, `date`)),
       min(`date`), max(`date`), max(`customer_name`), max(`customer_province`)
  FROM `sell_through_lines` WHERE coalesce(`customer_ref`, `customer_name`) IS NOT NULL
 GROUP BY `partner_id`, coalesce(`customer_ref`, `customer_name`), substr(`date`, 1, 7);
