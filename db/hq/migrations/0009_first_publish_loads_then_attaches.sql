-- A first publish loads an office's lines into an index-free table, then builds the indexes once and attaches it as
-- the office's partition (issue 19: 200,000 lines COPYed into a partition that keeps two indexes up to date row by row
-- cost ~2× a COPY into a plain table; building both indexes after the load costs a fraction of that). Until it is
-- attached, an office that has no partition yet (a first publish) gets `hq.sales_load_<md5>` from
-- hq.office_sales_target: no indexes, a CHECK that confines it to the office (so ATTACH needs no scan), INSERT granted
-- to the office's role alone. Each batch still commits with the office's mark (a publish killed anywhere resumes into
-- the same table); the loaded lines are not yet in hq.sales_lines, so reports do not count them until
-- hq.finish_office_load attaches the table — at the end of the publish, or before any batch that changes lines HQ
-- holds. Finishing, in one transaction: primary key and partner index built, the table renamed to the partition's
-- name and attached (the indexes become the partition's), its stale trigger made, and the office's quarter summary
-- computed in one grouped pass over the loaded lines (the office had no lines before, so no stale keys to mark).
CREATE FUNCTION hq.office_sales_target(p_office text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner_role text;
  part text := 'sales_lines_' || md5(p_office);
  load text := 'sales_load_' || md5(p_office);
BEGIN
  SELECT role_name INTO owner_role FROM hq.offices WHERE id = p_office FOR UPDATE;
  IF owner_role IS NULL THEN
    RAISE EXCEPTION 'workspace % is not registered at HQ', p_office USING ERRCODE = '42704';
  END IF;
  IF pg_has_role(session_user, 'pwb_office', 'MEMBER') AND owner_role <> session_user THEN
    RAISE EXCEPTION 'office % is not published by role %', p_office, session_user USING ERRCODE = '42501';
  END IF;
  IF to_regclass(format('hq.%I', part)) IS NOT NULL THEN
    RETURN format('hq.%I', part);
  END IF;
  IF to_regclass(format('hq.%I', load)) IS NULL THEN
    EXECUTE format('CREATE TABLE hq.%I (LIKE hq.sales_lines INCLUDING DEFAULTS, CONSTRAINT %I CHECK (office_id = %L))', load, load || '_office', p_office);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
      EXECUTE format('GRANT INSERT ON hq.%I TO %I', load, owner_role);
    END IF;
  END IF;
  RETURN format('hq.%I', load);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.office_sales_target(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hq.office_sales_target(text) TO pwb_office;
--> statement-breakpoint
CREATE FUNCTION hq.finish_office_load(p_office text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner_role text;
  part text := 'sales_lines_' || md5(p_office);
  load text := 'sales_load_' || md5(p_office);
BEGIN
  SELECT role_name INTO owner_role FROM hq.offices WHERE id = p_office FOR UPDATE;
  IF owner_role IS NULL THEN
    RAISE EXCEPTION 'workspace % is not registered at HQ', p_office USING ERRCODE = '42704';
  END IF;
  IF pg_has_role(session_user, 'pwb_office', 'MEMBER') AND owner_role <> session_user THEN
    RAISE EXCEPTION 'office % is not published by role %', p_office, session_user USING ERRCODE = '42501';
  END IF;
  IF to_regclass(format('hq.%I', load)) IS NULL THEN
    RETURN false;
  END IF;
  IF to_regclass(format('hq.%I', part)) IS NOT NULL THEN
    -- A partition made meanwhile by an older app: the loaded lines go through the parent (its stale triggers mark them).
    EXECUTE format('INSERT INTO hq.sales_lines SELECT * FROM hq.%I', load);
    EXECUTE format('DROP TABLE hq.%I', load);
    RETURN true;
  END IF;
  EXECUTE format('ALTER TABLE hq.%I ADD PRIMARY KEY (office_id, id)', load);
  EXECUTE format('CREATE INDEX ON hq.%I (office_id, partner_id, date)', load);
  EXECUTE format('ALTER TABLE hq.%I RENAME TO %I', load, part);
  EXECUTE format('ALTER TABLE hq.sales_lines ATTACH PARTITION hq.%I FOR VALUES IN (%L)', part, p_office);
  EXECUTE format('CREATE TRIGGER sales_lines_stale_insert AFTER INSERT ON hq.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hq.sales_lines_mark_stale()', part);
  DELETE FROM hq.sales_stale WHERE office_id = p_office;
  DELETE FROM hq.sales_summary WHERE office_id = p_office;
  EXECUTE format(
    'INSERT INTO hq.sales_summary (office_id, partner_id, quarter, revenue_minor, lines, orders)
     SELECT %L, partner_id, date_trunc(''quarter'', date)::date, sum(amount_minor), count(*), count(DISTINCT order_ref)
     FROM hq.%I GROUP BY 2, 3', p_office, part);
  RETURN true;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.finish_office_load(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hq.finish_office_load(text) TO pwb_office;
--> statement-breakpoint
-- A resync drops an unfinished load with the office's lines.
CREATE OR REPLACE FUNCTION hq.reset_office_sales(p_office text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner_role text;
  part text := 'sales_lines_' || md5(p_office);
  load text := 'sales_load_' || md5(p_office);
BEGIN
  SELECT role_name INTO owner_role FROM hq.offices WHERE id = p_office FOR UPDATE;
  IF owner_role IS NULL THEN
    RAISE EXCEPTION 'workspace % is not registered at HQ', p_office USING ERRCODE = '42704';
  END IF;
  IF pg_has_role(session_user, 'pwb_office', 'MEMBER') AND owner_role <> session_user THEN
    RAISE EXCEPTION 'office % is not published by role %', p_office, session_user USING ERRCODE = '42501';
  END IF;
  DELETE FROM hq.sales_summary WHERE office_id = p_office;
  DELETE FROM hq.sales_stale WHERE office_id = p_office;
  IF to_regclass(format('hq.%I', part)) IS NOT NULL THEN
    EXECUTE format('TRUNCATE hq.%I', part);
  END IF;
  IF to_regclass(format('hq.%I', load)) IS NOT NULL THEN
    EXECUTE format('DROP TABLE hq.%I', load);
  END IF;
END $$;
