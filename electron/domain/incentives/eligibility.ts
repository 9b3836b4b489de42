import type { Workspace } from '../../../db/database';
import { trainingCompliance } from '../training/compliance';
import type { Eligibility } from './programSchema';

export interface PartnerFacts {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  channelType: string;
  tier: string;
  region: string | null;
  status: string;
  bankName: string | null;
  bankAccount: string | null;
  currency: string;
}

export type IneligibleReason = 'currency' | 'channelType' | 'tier' | 'region' | 'status' | 'training' | 'certification';

/** Live (not deleted) partners, by id. */
export function loadPartners(ws: Workspace): Map<number, PartnerFacts> {
  const rows = ws.sqlite
    .prepare(
      `select id, code, name, name_en as nameEn, channel_type as channelType, tier, region, status, bank_name as bankName, bank_account as bankAccount, currency
       from partners where deleted_at is null order by code`,
    )
    .all() as PartnerFacts[];
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Who may take part: partners in the program's currency; channel types, tiers, regions (an omitted list does not restrict), status (default active only),
 * minimum training compliance at `asOf` (partners with nothing required count as compliant), and a required certification
 * (a passed record of that course code, completed by asOf and not expired at asOf).
 */
export function checkEligibility(
  ws: Workspace,
  rules: Eligibility,
  partners: Map<number, PartnerFacts>,
  asOf: string,
  currency = 'CNY',
): { eligible: PartnerFacts[]; excluded: Array<{ partnerId: number; reason: IneligibleReason }> } {
  const statuses = rules.statuses ?? ['active'];
  const excluded: Array<{ partnerId: number; reason: IneligibleReason }> = [];
  let eligible: PartnerFacts[] = [];
  for (const p of partners.values()) {
    const reason: IneligibleReason | null =
      p.currency !== currency
        ? 'currency'
        : rules.channelTypes?.length && !rules.channelTypes.includes(p.channelType as never)
        ? 'channelType'
        : rules.tiers?.length && !rules.tiers.includes(p.tier as never)
          ? 'tier'
          : rules.regions?.length && !rules.regions.includes(p.region as never)
            ? 'region'
            : !statuses.includes(p.status as never)
              ? 'status'
              : null;
    if (reason) excluded.push({ partnerId: p.id, reason });
    else eligible.push(p);
  }
  if (rules.minTrainingCompliance != null && eligible.length) {
    const comp = trainingCompliance(ws, asOf, eligible.map((p) => p.id));
    const min = rules.minTrainingCompliance;
    eligible = eligible.filter((p) => {
      const c = comp.get(p.id)?.compliance;
      const ok = c == null || c + 1e-12 >= min;
      if (!ok) excluded.push({ partnerId: p.id, reason: 'training' });
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
      if (!ok) excluded.push({ partnerId: p.id, reason: 'certification' });
      return ok;
    });
  }
  return { eligible, excluded };
}
