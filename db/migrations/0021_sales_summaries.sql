-- Hand-edited: WITHOUT ROWID (rows clustered by partner: a period's months of a partner are one range of the table).
-- Filled by the first evaluation (no state row = out of date), then kept by the sales import and its undo.
CREATE TABLE `sales_customer_months` (
	`partner_id` integer NOT NULL,
	`customer_ref` text NOT NULL,
	`span` integer NOT NULL,
	`first_month` integer NOT NULL,
	`months` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `customer_ref`, `span`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sales_partner_months` (
	`partner_id` integer NOT NULL,
	`month` integer NOT NULL,
	`revenue_minor` integer NOT NULL,
	`costed_revenue_minor` integer,
	`cost_minor` integer,
	`quantity` real NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sales_summary_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`max_line_id` integer NOT NULL
);
