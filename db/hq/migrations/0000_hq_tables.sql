CREATE SCHEMA "hq";
--> statement-breakpoint
CREATE TABLE "hq"."offices" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role_name" text DEFAULT current_user NOT NULL,
	"high_water" bigint DEFAULT 0 NOT NULL,
	"first_published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hq"."records" (
	"office_id" text NOT NULL,
	"tbl" text NOT NULL,
	"row_key" bigint NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "records_office_id_tbl_row_key_pk" PRIMARY KEY("office_id","tbl","row_key")
);
--> statement-breakpoint
CREATE TABLE "hq"."reference_data" (
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_data_kind_code_pk" PRIMARY KEY("kind","code")
);
--> statement-breakpoint
CREATE TABLE "hq"."sales_lines" (
	"office_id" text NOT NULL,
	"id" bigint NOT NULL,
	"partner_id" bigint NOT NULL,
	"date" date NOT NULL,
	"order_ref" text,
	"line_ref" text,
	"product" text,
	"category" text,
	"quantity" double precision NOT NULL,
	"amount_minor" bigint NOT NULL,
	"cost_minor" bigint,
	"customer_ref" text,
	"currency" text NOT NULL,
	"import_id" bigint,
	CONSTRAINT "sales_lines_office_id_id_pk" PRIMARY KEY("office_id","id")
);
--> statement-breakpoint
CREATE INDEX "records_tbl_idx" ON "hq"."records" USING btree ("tbl","office_id");--> statement-breakpoint
CREATE INDEX "reference_data_version_idx" ON "hq"."reference_data" USING btree ("version");--> statement-breakpoint
CREATE INDEX "sales_lines_date_idx" ON "hq"."sales_lines" USING btree ("date","office_id","partner_id");