import type { Workspace } from '../../../db/database';

export interface PartnerFilter {
  tiers?: string[];
  channelTypes?: string[];
  regions?: string[];
  /** Partner codes; empty/absent = all that match the other filters. */
  partnerCodes?: string[];
}

export interface EvaluatedPartner {
  id: number;
  code: string;
  name: string;
  channelType: string;
  tier: string;
  region: string | null;
  joinedOn: string | null;
}

/**
 * The partners an evaluation of a period covers: live (not deleted), past the prospect stage, joined on or before the
 * period's last day (a partner who joined mid-period is evaluated on the part it was there), matching the filters.
 */
export function evaluatedPartners(ws: Workspace, periodEnd: string, f: PartnerFilter = {}): EvaluatedPartner[] {
  const clauses = ["deleted_at is null", "status <> 'prospect'", '(joined_on is null or joined_on <= @end)'];
  const params: Record<string, string> = { end: periodEnd };
  const list = (col: string, key: string, values?: string[]) => {
    if (!values || values.length === 0) return;
    clauses.push(`${col} in (select value from json_each(@${key}))`);
    params[key] = JSON.stringify(values);
  };
  list('tier', 'tiers', f.tiers);
  list('channel_type', 'channels', f.channelTypes);
  list('region', 'regions', f.regions);
  list('code', 'codes', f.partnerCodes);
  return ws.sqlite
    .prepare(
      `select id, code, name, channel_type as channelType, tier, region, joined_on as joinedOn from partners where ${clauses.join(' and ')} order by code`,
    )
    .all(params) as EvaluatedPartner[];
}
