import type { Workspace } from '../../../db/database';
import { territoryFilterIds, treeNodes } from '../territories/territories';
import { rootOf } from '../territories/territoryTree';
import { PopulationCounter, type Population } from '../../../shared/population';
import { populationPartners } from './store';

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
  return evaluationPopulation(ws, periodEnd, f).partners;
}

/**
 * The evaluated partners and the population behind them: every live partner is considered; the others are counted by
 * the first rule that leaves them out (status, joined later, tier, channel type, territory, partner code), with the
 * partner's value and the filter's.
 */
export function evaluationPopulation(ws: Workspace, periodEnd: string, f: PartnerFilter = {}): { partners: EvaluatedPartner[]; population: Population } {
  const rows = populationPartners(ws);
  const inRegions = f.regions?.length ? new Set(territoryFilterIds(ws, f.regions)) : null;
  const codes = f.partnerCodes?.length ? new Set(f.partnerCodes) : null;
  const roots = rootOf(treeNodes(ws));
  const pop = new PopulationCounter();
  const partners: EvaluatedPartner[] = [];
  for (const p of rows) {
    const { territoryId, status } = p;
    pop.consider();
    if (codes && !codes.has(p.code)) pop.exclude('partnerCode');
    else if (status === 'prospect') pop.exclude('status', { value: status });
    else if (p.joinedOn != null && p.joinedOn > periodEnd) pop.exclude('joinedLater', { expected: periodEnd });
    else if (f.tiers?.length && !f.tiers.includes(p.tier)) pop.exclude('tier', { value: p.tier, expected: [...f.tiers] });
    else if (f.channelTypes?.length && !f.channelTypes.includes(p.channelType)) pop.exclude('channelType', { value: p.channelType, expected: [...f.channelTypes] });
    else if (inRegions && (territoryId == null || !inRegions.has(territoryId))) pop.exclude('region', { value: p.region, expected: [...f.regions!] });
    else {
      pop.include();
      // Field by field, not a rest and a spread: two object copies per partner were most of this loop.
      partners.push({
        id: p.id,
        code: p.code,
        name: p.name,
        channelType: p.channelType,
        tier: p.tier,
        region: p.region,
        regionEn: p.regionEn,
        regionCode: p.regionCode,
        joinedOn: p.joinedOn,
        regionRoot: territoryId == null ? null : (roots.get(territoryId) ?? territoryId),
      });
    }
  }
  return { partners, population: pop.result() };
}
