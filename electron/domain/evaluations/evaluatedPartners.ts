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
  const rows = populationPartners(ws, periodEnd);
  const inRegions = f.regions?.length ? new Set(territoryFilterIds(ws, f.regions)) : null;
  const codes = f.partnerCodes?.length ? new Set(f.partnerCodes) : null;
  const nodes = treeNodes(ws);
  const roots = rootOf(nodes);
  const territory = new Map(nodes.map((t) => [t.id, t]));
  const pop = new PopulationCounter();
  const partners: EvaluatedPartner[] = [];
  for (const [id, code, name, channelType, tier, prospect, joinedLater, territoryId] of rows) {
    pop.consider();
    const t = territoryId == null ? undefined : territory.get(territoryId);
    if (codes && !codes.has(code)) pop.exclude('partnerCode');
    else if (prospect) pop.exclude('status', { value: 'prospect' });
    else if (joinedLater) pop.exclude('joinedLater', { expected: periodEnd });
    else if (f.tiers?.length && !f.tiers.includes(tier)) pop.exclude('tier', { value: tier, expected: [...f.tiers] });
    else if (f.channelTypes?.length && !f.channelTypes.includes(channelType)) pop.exclude('channelType', { value: channelType, expected: [...f.channelTypes] });
    else if (inRegions && (territoryId == null || !inRegions.has(territoryId))) pop.exclude('region', { value: t?.nameZh ?? null, expected: [...f.regions!] });
    else {
      pop.include();
      partners.push({
        id,
        code,
        name,
        channelType,
        tier,
        region: t?.nameZh ?? null,
        regionEn: t?.nameEn ?? null,
        regionCode: t?.code ?? null,
        regionRoot: territoryId == null ? null : (roots.get(territoryId) ?? territoryId),
      });
    }
  }
  return { partners, population: pop.result() };
}
