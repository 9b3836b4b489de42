CREATE TABLE "hq"."sales_stale" (
	"office_id" text NOT NULL,
	"partner_id" bigint NOT NULL,
	"quarter" date NOT NULL,
	CONSTRAINT "sales_stale_office_id_partner_id_quarter_pk" PRIMARY KEY("office_id","partner_id","quarter")
);
--> statement-breakpoint
CREATE TABLE "hq"."sales_summary" (
	"office_id" text NOT NULL,
	"partner_id" bigint NOT NULL,
	"quarter" date NOT NULL,
	"revenue_minor" bigint NOT NULL,
	"lines" integer NOT NULL,
	"orders" integer NOT NULL,
	CONSTRAINT "sales_summary_quarter_office_id_partner_id_pk" PRIMARY KEY("quarter","office_id","partner_id")
);
--> statement-breakpoint
DROP INDEX "hq"."sales_lines_date_idx";--> statement-breakpoint
CREATE INDEX "sales_lines_partner_idx" ON "hq"."sales_lines" USING btree ("office_id","partner_id","date");