-- Roles and row-level security (issue 19). pwb_office: the group every office's login role belongs to (created by
-- `pwb hq add-office`); an office writes only the rows of workspaces it registered (hq.offices.role_name). pwb_hq_reader:
-- granted by HQ to roles that may read every office (dashboards, reports). The HQ owner (who runs `pwb hq setup`) bypasses RLS.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pwb_office') THEN CREATE ROLE pwb_office NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pwb_hq_reader') THEN CREATE ROLE pwb_hq_reader NOLOGIN; END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA hq, hq_migrations TO pwb_office, pwb_hq_reader;
--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA hq_migrations TO pwb_office, pwb_hq_reader;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON hq.offices TO pwb_office;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON hq.records, hq.sales_lines TO pwb_office;
--> statement-breakpoint
GRANT SELECT ON hq.reference_data TO pwb_office;
--> statement-breakpoint
GRANT SELECT ON hq.offices, hq.records, hq.sales_lines, hq.reference_data TO pwb_hq_reader;
--> statement-breakpoint
ALTER TABLE hq.offices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE hq.records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE hq.sales_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY offices_read ON hq.offices FOR SELECT USING (role_name = current_user OR pg_has_role(current_user, 'pwb_hq_reader', 'MEMBER'));
--> statement-breakpoint
CREATE POLICY offices_claim ON hq.offices FOR INSERT WITH CHECK (role_name = current_user);
--> statement-breakpoint
CREATE POLICY offices_own ON hq.offices FOR UPDATE USING (role_name = current_user) WITH CHECK (role_name = current_user);
--> statement-breakpoint
CREATE POLICY records_read ON hq.records FOR SELECT
  USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user) OR pg_has_role(current_user, 'pwb_hq_reader', 'MEMBER'));
--> statement-breakpoint
CREATE POLICY records_insert ON hq.records FOR INSERT WITH CHECK (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user));
--> statement-breakpoint
CREATE POLICY records_update ON hq.records FOR UPDATE
  USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user))
  WITH CHECK (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user));
--> statement-breakpoint
CREATE POLICY records_delete ON hq.records FOR DELETE USING (office_id IN (SELECT o.id FROM hq.offices o WHERE o.role_name = current_user));
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
-- Reference data versions: every insert or update takes the next number, so a region can tell what changed.
CREATE SEQUENCE hq.reference_version_seq;
--> statement-breakpoint
CREATE FUNCTION hq.reference_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := nextval('hq.reference_version_seq');
  NEW.updated_at := now();
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER reference_data_version BEFORE INSERT OR UPDATE ON hq.reference_data FOR EACH ROW EXECUTE FUNCTION hq.reference_data_version();
