-- Risks reach HQ as the workspace stores them (hq.records, table 'risks'): since the workspace's migration 0023 a risk
-- the workbench raised carries its words as a text code and parameters (text_code, text_params — the latter a JSON
-- text in SQLite, so a JSON string inside the published row), and its title and description only as the zh-CN
-- fallback. hq.open_risks() is HQ's typed view of the open risks: office, code, partner code, score (residual
-- likelihood × impact where assessed), status, owner, next review, the fallback title and description, and the text
-- code with its parameters as jsonb (a string is parsed, an object taken as it is), so every HQ reader words them in
-- its own language (shared/riskTexts). A SQL function (SECURITY INVOKER), not a view, so row-level security on
-- hq.records and hq.offices applies to the caller on PostgreSQL 13+ (security_invoker views need 15).
CREATE FUNCTION hq.open_risks() RETURNS TABLE (
  office_id text, office text, risk_id bigint, code text, partner_code text, category text, score integer, status text,
  owner text, next_review_on text, title text, description text, text_code text, text_params jsonb
) LANGUAGE sql STABLE AS $$
  SELECT r.office_id, o.name, r.row_key, r.data->>'code', p.data->>'code', r.data->>'category',
    coalesce((r.data->>'residual_likelihood')::int, (r.data->>'likelihood')::int) * coalesce((r.data->>'residual_impact')::int, (r.data->>'impact')::int),
    r.data->>'status', r.data->>'owner', r.data->>'next_review_on', r.data->>'title', r.data->>'description', r.data->>'text_code',
    CASE jsonb_typeof(r.data->'text_params') WHEN 'string' THEN (r.data->>'text_params')::jsonb WHEN 'object' THEN r.data->'text_params' END
  FROM hq.records r
  JOIN hq.offices o ON o.id = r.office_id
  LEFT JOIN hq.records p ON p.office_id = r.office_id AND p.tbl = 'partners' AND p.row_key = (r.data->>'partner_id')::bigint
  WHERE r.tbl = 'risks' AND r.data->>'status' <> 'closed'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hq.open_risks() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hq.open_risks() TO pwb_office, pwb_hq_reader;
