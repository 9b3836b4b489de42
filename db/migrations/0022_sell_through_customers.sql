CREATE TABLE `sell_through_customers` (
	`partner_id` integer NOT NULL,
	`customer` text NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`customer_name` text,
	`customer_province` text,
	`months` text NOT NULL,
	PRIMARY KEY(`partner_id`, `customer`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Hand-added: fill it from the month summary already there (the same statement as inventory/store.ts PACK_CUSTOMERS).
INSERT INTO `sell_through_customers` (`partner_id`, `customer`, `first_date`, `last_date`, `customer_name`, `customer_province`, `months`)
SELECT m.`partner_id`, m.`customer`, min(m.`first_date`), max(m.`last_date`), c.`name`, c.`province`,
       group_concat(replace(m.`month`, '-', '') || substr(m.`first_date`, 9, 2) || substr(m.`last_date`, 9, 2)
                    || ((m.`customer_name` IS c.`name`) + 2 * (m.`customer_province` IS c.`province`)) || m.`amount_minor` || ':' || m.`orders`, ';' ORDER BY m.`month`)
  FROM `sell_through_customer_months` m
  JOIN (SELECT `partner_id`, `customer`, max(`customer_name`) AS `name`, max(`customer_province`) AS `province`
          FROM `sell_through_customer_months` GROUP BY `partner_id`, `customer`) c
    ON c.`partner_id` = m.`partner_id` AND c.`customer` = m.`customer`
 GROUP BY m.`partner_id`, m.`customer`;
