-- A resync (HQ's mark ahead of the workspace, or behind what was published before) resends the office's every row, so
-- its sales lines at HQ are emptied first. That was a DELETE through the parent — row by row, through row-level
-- security, with the statement trigger's transition table holding every deleted row to mark its keys stale. The
-- office's partition is now TRUNCATEd instead (a new empty file, no per-row work), and the office's quarter summary
-- and stale marks are dropped with it in the same transaction: the lines that come back are COPYed into the partition,
-- whose insert trigger marks their keys stale, and the publish's refresh recomputes them. Only for the role that
-- registered the workspace (or HQ itself); other offices' partitions are not touched. TRUNCATE takes the partition's
-- exclusive lock: a report reading the parent meanwhile waits for the resync's commit (or the resync for the report).
CREATE FUNCTION hq.reset_office_sales(p_office text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner_role text;
  part text := 'sales_lines_' || md5(p_office);
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
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.reset_office_sales(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hq.reset_office_sales(text) TO pwb_office;
