-- The sales summary (hq.sales_summary) kept equal to hq.sales_lines. Statement triggers mark the (office, partner,
-- quarter) keys a statement touches as stale, in the same transaction; hq.refresh_sales_summary(office) recomputes an
-- office's stale keys (each publish runs it after its last batch). Offices read the summary under the same
-- row-level security as the lines and write it only through these functions (SECURITY DEFINER, owned by HQ).
CREATE FUNCTION hq.sales_lines_mark_stale() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO hq.sales_stale (office_id, partner_id, quarter)
      SELECT DISTINCT office_id, partner_id, date_trunc('quarter', date)::date FROM new_rows
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO hq.sales_stale (office_id, partner_id, quarter)
      SELECT DISTINCT office_id, partner_id, date_trunc('quarter', date)::date FROM old_rows
      ON CONFLICT DO NOTHING;
  ELSE
    -- Only changes the summary depends on: a line whose partner, date, amount or order is the same stays counted.
    INSERT INTO hq.sales_stale (office_id, partner_id, quarter)
      SELECT DISTINCT k.office_id, k.partner_id, k.quarter
      FROM old_rows o JOIN new_rows n ON n.office_id = o.office_id AND n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.office_id, o.partner_id, date_trunc('quarter', o.date)::date),
                                 (n.office_id, n.partner_id, date_trunc('quarter', n.date)::date)) AS k (office_id, partner_id, quarter)
      WHERE (o.partner_id, o.date, o.amount_minor, o.order_ref) IS DISTINCT FROM (n.partner_id, n.date, n.amount_minor, n.order_ref)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sales_lines_stale_insert AFTER INSERT ON hq.sales_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale();
--> statement-breakpoint
CREATE TRIGGER sales_lines_stale_update AFTER UPDATE ON hq.sales_lines REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale();
--> statement-breakpoint
CREATE TRIGGER sales_lines_stale_delete AFTER DELETE ON hq.sales_lines REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale();
--> statement-breakpoint
-- Recomputes an office's stale keys from its lines; returns how many keys. Takes the office's row lock first, the
-- lock every publish batch takes, so no batch of this office commits between reading the lines and clearing the marks.
-- An office role may refresh only its own workspaces (it could otherwise hold another office's lock).
CREATE FUNCTION hq.refresh_sales_summary(p_office text) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  IF pg_has_role(session_user, 'pwb_office', 'MEMBER') AND NOT pg_has_role(session_user, 'pwb_hq_reader', 'MEMBER')
     AND NOT EXISTS (SELECT 1 FROM hq.offices WHERE id = p_office AND role_name = session_user) THEN
    RAISE EXCEPTION 'office % is not published by role %', p_office, session_user USING ERRCODE = '42501';
  END IF;
  PERFORM 1 FROM hq.offices WHERE id = p_office FOR UPDATE;
  DELETE FROM hq.sales_summary s USING hq.sales_stale k
    WHERE k.office_id = p_office AND s.office_id = p_office AND s.partner_id = k.partner_id AND s.quarter = k.quarter;
  INSERT INTO hq.sales_summary (office_id, partner_id, quarter, revenue_minor, lines, orders)
    SELECT p_office, l.partner_id, k.quarter, sum(l.amount_minor), count(*), count(DISTINCT l.order_ref)
    FROM hq.sales_stale k
    JOIN hq.sales_lines l ON l.office_id = p_office AND l.partner_id = k.partner_id
      AND l.date >= k.quarter AND l.date < (k.quarter + interval '3 months')::date
    WHERE k.office_id = p_office
    GROUP BY l.partner_id, k.quarter;
  DELETE FROM hq.sales_stale WHERE office_id = p_office;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.refresh_sales_summary(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hq.refresh_sales_summary(text) TO pwb_office, pwb_hq_reader;
--> statement-breakpoint
GRANT SELECT ON hq.sales_summary, hq.sales_stale TO pwb_office, pwb_hq_reader;
--> statement-breakpoint
ALTER TABLE hq.sales_summary ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE hq.sales_stale ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY summary_read ON hq.sales_summary FOR SELECT
  USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user) OR pg_has_role(current_user, 'pwb_hq_reader', 'MEMBER'));
--> statement-breakpoint
CREATE POLICY stale_read ON hq.sales_stale FOR SELECT
  USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user) OR pg_has_role(current_user, 'pwb_hq_reader', 'MEMBER'));
--> statement-breakpoint
-- An HQ that already holds lines: the summary of what is there.
INSERT INTO hq.sales_summary (office_id, partner_id, quarter, revenue_minor, lines, orders)
  SELECT office_id, partner_id, date_trunc('quarter', date)::date, sum(amount_minor), count(*), count(DISTINCT order_ref)
  FROM hq.sales_lines GROUP BY 1, 2, 3;
