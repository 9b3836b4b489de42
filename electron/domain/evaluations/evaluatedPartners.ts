import type { Workspace } from '../../../db/database';
import { territoryFilterIds, treeNodes } from '../territories/territoryStore';
import { rootOf } from '../territories/territoryTree';

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
  /** The partner's territory as it is at run time: Chinese name, English name, code; ranks group by its top-level territory. */
  region: string | null;
  regionEn: string | null;
  regionCode: string | null;
  regionRoot: number | null;
  joinedOn: string | null;
}

/**
 * The partners an evaluation of a period covers: live (not deleted), past the prospect stage, joined on or before the
 * period's last day (a partner who joined mid-period is evaluated on the part it was there), matching the filters.
 */
export function evaluatedPartners(ws: Workspace, periodEnd: string, f: PartnerFilter = {}): EvaluatedPartner[] {
  const clauses = ['p.deleted_at is null', "p.status <> 'prospect'", '(p.joined_on is null or p.joined_on <= @end)'];
  const params: Record<string, string> = { end: periodEnd };
  const list = (col: string, key: string, values?: string[]) => {
    if (!values || values.length === 0) return;
    clauses.push(`${col} in (select value from json_each(@${key}))`);
    params[key] = JSON.stringify(values);
  };
  list('p.tier', 'tiers', f.tiers);
  list('p.channel_type', 'channels', f.channelTypes);
  if (f.regions?.length) {
    clauses.push('p.territory_id in (select value from json_each(@territories))');
    params.territories = JSON.stringify(territoryFilterIds(ws, f.regions));
  }
  list('p.code', 'codes', f.partnerCodes);
  const rows = ws.sqlite
    .prepare(
      `select p.id, p.code, p.name, p.channel_type as channelType, p.tier, p.territory_id as territoryId, t.name_zh as region, t.name_en as regionEn,
         t.code as regionCode, p.joined_on as joinedOn
       from partners p left join territories t on t.id = p.territory_id where ${clauses.join(' and ')} order by p.code`,
    )
    .all(params) as Array<Omit<EvaluatedPartner, 'regionRoot'> & { territoryId: number | null }>;
  const roots = rootOf(treeNodes(ws));
  return rows.map(({ territoryId, ...p }) => ({ ...p, regionRoot: territoryId == null ? null : (roots.get(territoryId) ?? territoryId) }));
}
