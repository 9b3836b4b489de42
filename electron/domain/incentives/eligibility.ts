import type { Workspace } from '../../../db/database';
import { territoryFilterIds, treeNodes } from '../territories/territories';
import { rootOf } from '../territories/territoryTree';
import { trainingCompliance } from '../training/compliance';
import type { Eligibility } from '../../model/programs';
import type { ExclusionParams, ExclusionReason } from '../../../shared/population';
import { partnerFactsStore, type PartnerFactsRow } from './store';

/** What eligibility, the lines and the statements know of a partner; `regionGroup`: the top-level territory's Chinese name (rankings "by region" group by it). */
export interface PartnerFacts extends PartnerFactsRow {
  regionGroup: string | null;
}

export type IneligibleReason = Extract<ExclusionReason, 'currency' | 'channelType' | 'tier' | 'region' | 'status' | 'training' | 'certification' | 'conflictRisk'>;
export interface Ineligible {
  partnerId: number;
  reason: IneligibleReason;
  /** The partner's value and what the program asks for (the words of the population's reasons). */
  params: ExclusionParams;
}

/** Live (not deleted) partners, by id (in partner-code order). */
export function loadPartners(ws: Workspace): Map<number, PartnerFacts> {
  const group = withGroup(ws);
  const out = new Map<number, PartnerFacts>();
  for (const r of partnerFactsStore.live(ws)) out.set(r.id, group(r));
  return out;
}

/** A partner's facts by id, deleted or not (statements of a run name every partner in it). */
export function partnerFacts(ws: Workspace, id: number): PartnerFacts | undefined {
  return partnerFactsReader(ws)(id);
}

/** partnerFacts for many partners: the territory tree read once, not once per partner. */
export function partnerFactsReader(ws: Workspace): (id: number) => PartnerFacts | undefined {
  const byId = partnerFactsStore.byId(ws);
  const group = withGroup(ws);
  return (id) => {
    const row = byId(id);
    return row && group(row);
  };
}

/** Sets `regionGroup`: the Chinese name of the partner's top-level territory in today's tree. */
function withGroup(ws: Workspace): (r: PartnerFactsRow) => PartnerFacts {
  const nodes = treeNodes(ws);
  const nameOf = new Map(nodes.map((n) => [n.id, n.nameZh]));
  const roots = rootOf(nodes);
  return (r) => {
    const facts = r as PartnerFacts;
    facts.regionGroup = r.territoryId == null ? null : (nameOf.get(roots.get(r.territoryId) ?? r.territoryId) ?? r.region);
    return facts;
  };
}

/**
 * Who may take part: partners in the program's currency; channel types, tiers, regions (an omitted list does not restrict), status (default active only),
 * minimum training compliance at `asOf` (partners with nothing required count as compliant), and a required certification
 * (a passed record of that course code, completed by asOf and not expired at asOf), and — when asked — no channel-conflict
 * or price-conflict risk that is not closed.
 */
export function checkEligibility(
  ws: Workspace,
  rules: Eligibility,
  partners: Map<number, PartnerFacts>,
  asOf: string,
  currency = 'CNY',
): { eligible: PartnerFacts[]; excluded: Ineligible[] } {
  const statuses = rules.statuses ?? ['active'];
  const excluded: Ineligible[] = [];
  const inRegions = rules.regions?.length ? new Set(territoryFilterIds(ws, rules.regions)) : null;
  let eligible: PartnerFacts[] = [];
  for (const p of partners.values()) {
    const out = (reason: IneligibleReason, params: ExclusionParams) => excluded.push({ partnerId: p.id, reason, params });
    if (p.currency !== currency) out('currency', { value: p.currency, expected: currency });
    else if (rules.channelTypes?.length && !rules.channelTypes.includes(p.channelType as never)) out('channelType', { value: p.channelType, expected: [...rules.channelTypes] });
    else if (rules.tiers?.length && !rules.tiers.includes(p.tier as never)) out('tier', { value: p.tier, expected: [...rules.tiers] });
    else if (inRegions && (p.territoryId == null || !inRegions.has(p.territoryId))) out('region', { value: p.region, expected: [...rules.regions!] });
    else if (!statuses.includes(p.status as never)) out('status', { value: p.status, expected: [...statuses] });
    else eligible.push(p);
  }
  if (rules.minTrainingCompliance != null && eligible.length) {
    const comp = trainingCompliance(ws, asOf, eligible.map((p) => p.id));
    const min = rules.minTrainingCompliance;
    eligible = eligible.filter((p) => {
      const c = comp.get(p.id)?.compliance;
      const ok = c == null || c + 1e-12 >= min;
      if (!ok) excluded.push({ partnerId: p.id, reason: 'training', params: { expected: min } });
      return ok;
    });
  }
  if (rules.requiredCertification && eligible.length) {
    const holders = partnerFactsStore.certificationHolders(ws, rules.requiredCertification, asOf);
    eligible = eligible.filter((p) => {
      const ok = holders.has(p.id);
      if (!ok) excluded.push({ partnerId: p.id, reason: 'certification', params: { expected: rules.requiredCertification! } });
      return ok;
    });
  }
  if (rules.noOpenConflictRisk && eligible.length) {
    // The register as it is when the run is calculated: a rebate waits until the conflict is closed.
    const conflicted = partnerFactsStore.withOpenConflictRisk(ws);
    eligible = eligible.filter((p) => {
      const ok = !conflicted.has(p.id);
      if (!ok) excluded.push({ partnerId: p.id, reason: 'conflictRisk', params: {} });
      return ok;
    });
  }
  return { eligible, excluded };
}
