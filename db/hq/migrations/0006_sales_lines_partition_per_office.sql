-- Sales lines partitioned by office (issue 19): hq.sales_lines becomes `PARTITION BY LIST (office_id)`, one partition
-- per workspace, created when the workspace registers (hq.office_sales_partition, SECURITY DEFINER: offices cannot
-- create tables). Reads and every upsert or delete go through the parent as before (row-level security, the stale
-- marks of the quarter summary). The office's own role gets INSERT on its partition alone, so a batch of lines HQ has
-- never held (a first publish, a new import) is COPYed straight into it: no stage, no second pass, no row-level check
-- per row — the partition's bound confines the rows to the office, and a statement trigger on the partition marks the
-- summary's keys stale like the parent's does. A resync or a closed office touches one partition only.
ALTER TABLE hq.sales_lines RENAME TO sales_lines_unpartitioned;
--> statement-breakpoint
ALTER TABLE hq.sales_lines_unpartitioned RENAME CONSTRAINT sales_lines_office_id_id_pk TO sales_lines_unpartitioned_pk;
--> statement-breakpoint
ALTER INDEX hq.sales_lines_partner_idx RENAME TO sales_lines_unpartitioned_partner_idx;
--> statement-breakpoint
CREATE TABLE hq.sales_lines (
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
) PARTITION BY LIST (office_id);
--> statement-breakpoint
CREATE INDEX "sales_lines_partner_idx" ON "hq"."sales_lines" USING btree ("office_id","partner_id","date");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON hq.sales_lines TO pwb_office;
--> statement-breakpoint
GRANT SELECT ON hq.sales_lines TO pwb_hq_reader;
--> statement-breakpoint
ALTER TABLE hq.sales_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sales_read ON hq.sales_lines FOR SELECT
  USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user) OR pg_has_role(current_user, 'pwb_hq_reader', 'MEMBER'));
--> statement-breakpoint
CREATE POLICY sales_insert ON hq.sales_lines FOR INSERT WITH CHECK (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user));
--> statement-breakpoint
CREATE POLICY sales_update ON hq.sales_lines FOR UPDATE
  USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user))
  WITH CHECK (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user));
--> statement-breakpoint
CREATE POLICY sales_delete ON hq.sales_lines FOR DELETE USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user));
--> statement-breakpoint
-- The partition of one office: created once, owned by HQ; its role may COPY into it (INSERT only: reads, updates and
-- deletes go through the parent and its row-level security). The name is derived from the office id (any text).
CREATE FUNCTION hq.create_sales_partition(p_office text, p_role text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  part text := 'sales_lines_' || md5(p_office);
BEGIN
  IF to_regclass(format('hq.%I', part)) IS NULL THEN
    EXECUTE format('CREATE TABLE hq.%I PARTITION OF hq.sales_lines FOR VALUES IN (%L)', part, p_office);
    EXECUTE format('CREATE TRIGGER sales_lines_stale_insert AFTER INSERT ON hq.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale()', part);
    IF p_role IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
      EXECUTE format('GRANT INSERT ON hq.%I TO %I', part, p_role);
    END IF;
  END IF;
  RETURN format('hq.%I', part);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.create_sales_partition(text, text) FROM PUBLIC;
--> statement-breakpoint
-- Called by every publish after it registers: the office's partition (made on the first call). An office role only
-- for the workspaces it registered; the office's row lock makes two first publishes of one workspace take turns.
CREATE FUNCTION hq.office_sales_partition(p_office text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner_role text;
BEGIN
  SELECT role_name INTO owner_role FROM hq.offices WHERE id = p_office FOR UPDATE;
  IF owner_role IS NULL THEN
    RAISE EXCEPTION 'workspace % is not registered at HQ', p_office USING ERRCODE = '42704';
  END IF;
  IF pg_has_role(session_user, 'pwb_office', 'MEMBER') AND owner_role <> session_user THEN
    RAISE EXCEPTION 'office % is not published by role %', p_office, session_user USING ERRCODE = '42501';
  END IF;
  RETURN hq.create_sales_partition(p_office, owner_role);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.office_sales_partition(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hq.office_sales_partition(text) TO pwb_office, pwb_hq_reader;
--> statement-breakpoint
-- The lines HQ holds move into their offices' partitions (the summary already counts them: the parent's stale
-- triggers are created after the move).
DO $$
DECLARE
  o record;
BEGIN
  FOR o IN SELECT k.office_id, f.role_name FROM (SELECT id AS office_id FROM hq.offices UNION SELECT DISTINCT office_id FROM hq.sales_lines_unpartitioned) k
           LEFT JOIN hq.offices f ON f.id = k.office_id LOOP
    PERFORM hq.create_sales_partition(o.office_id, o.role_name);
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO hq.sales_lines SELECT * FROM hq.sales_lines_unpartitioned;
--> statement-breakpoint
DROP TABLE hq.sales_lines_unpartitioned;
--> statement-breakpoint
CREATE TRIGGER sales_lines_stale_insert AFTER INSERT ON hq.sales_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale();
--> statement-breakpoint
CREATE TRIGGER sales_lines_stale_update AFTER UPDATE ON hq.sales_lines REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale();
--> statement-breakpoint
CREATE TRIGGER sales_lines_stale_delete AFTER DELETE ON hq.sales_lines REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale();
