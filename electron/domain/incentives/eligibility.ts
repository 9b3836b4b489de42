import type { Workspace } from '../../../db/database';
import { territoryFilterIds, treeNodes } from '../territories/territories';
import { rootOf } from '../territories/territoryTree';
import { trainingCompliance } from '../training/compliance';
import type { Eligibility } from '../../model/programs';
import type { ExclusionParams, ExclusionReason } from '../../../shared/population';

export interface PartnerFacts {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  channelType: string;
  tier: string;
  /** The partner's territory (Chinese name, English name) and its top-level territory (rankings "by region" group by it). */
  territoryId: number | null;
  region: string | null;
  regionEn: string | null;
  regionGroup: string | null;
  status: string;
  bankName: string | null;
  bankAccount: string | null;
  currency: string;
}

export type IneligibleReason = Extract<ExclusionReason, 'currency' | 'channelType' | 'tier' | 'region' | 'status' | 'training' | 'certification' | 'conflictRisk'>;
export interface Ineligible {
  partnerId: number;
  reason: IneligibleReason;
  /** The partner's value and what the program asks for (the words of the population's reasons). */
  params: ExclusionParams;
}

/** Live (not deleted) partners, by id. */
export function loadPartners(ws: Workspace): Map<number, PartnerFacts> {
  return new Map((ws.sqlite.prepare(`${PARTNER_FACTS} where p.deleted_at is null order by p.code`).all() as PartnerFacts[]).map(withGroup(ws)).map((r) => [r.id, r]));
}

/** A partner's facts by id, deleted or not (statements of a run name every partner in it). */
export function partnerFacts(ws: Workspace, id: number): PartnerFacts | undefined {
  return partnerFactsReader(ws)(id);
}

/** partnerFacts for many partners: the statement and the territory tree read once, not once per partner. */
export function partnerFactsReader(ws: Workspace): (id: number) => PartnerFacts | undefined {
  const stmt = ws.sqlite.prepare(`${PARTNER_FACTS} where p.id = ?`);
  const group = withGroup(ws);
  return (id) => {
    const row = stmt.get(id) as PartnerFacts | undefined;
    return row && group(row);
  };
}

const PARTNER_FACTS = `select p.id, p.code, p.name, p.name_en as nameEn, p.channel_type as channelType, p.tier, p.territory_id as territoryId,
  t.name_zh as region, t.name_en as regionEn, p.status, p.bank_name as bankName, p.bank_account as bankAccount, p.currency
  from partners p left join territories t on t.id = p.territory_id`;

/** Sets `regionGroup`: the Chinese name of the partner's top-level territory in today's tree. */
function withGroup(ws: Workspace): (r: PartnerFacts) => PartnerFacts {
  const nodes = treeNodes(ws);
  const nameOf = new Map(nodes.map((n) => [n.id, n.nameZh]));
  const roots = rootOf(nodes);
  return (r) => {
    r.regionGroup = r.territoryId == null ? null : (nameOf.get(roots.get(r.territoryId) ?? r.territoryId) ?? r.region);
    return r;
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
    const holders = new Set(
      (
        ws.sqlite
          .prepare(
            `select distinct r.partner_id as id from training_records r join training_courses c on c.id = r.course_id
             where c.code = ? and r.passed = 1 and r.completed_on <= ? and (r.expires_on is null or r.expires_on >= ?)`,
          )
          .all(rules.requiredCertification, asOf, asOf) as Array<{ id: number }>
      ).map((r) => r.id),
    );
    eligible = eligible.filter((p) => {
      const ok = holders.has(p.id);
      if (!ok) excluded.push({ partnerId: p.id, reason: 'certification', params: { expected: rules.requiredCertification! } });
      return ok;
    });
  }
  if (rules.noOpenConflictRisk && eligible.length) {
    // The register as it is when the run is calculated: a rebate waits until the conflict is closed.
    const conflicted = new Set(
      ws.sqlite
        .prepare(`select distinct partner_id from risks where partner_id is not null and category in ('channel_conflict', 'price_conflict') and status <> 'closed'`)
        .pluck()
        .all() as number[],
    );
    eligible = eligible.filter((p) => {
      const ok = !conflicted.has(p.id);
      if (!ok) excluded.push({ partnerId: p.id, reason: 'conflictRisk', params: {} });
      return ok;
    });
  }
  return { eligible, excluded };
}
