/**
 * Whom a calculation that selects partners (evaluation, payout run, what-if, compliance, schedule) considered and why it
 * left anyone out: no result is ever empty without its reason. Reasons are codes with parameters (the partner's value
 * and what the rule asked for), grouped and counted, largest first; the renderer words them in the reader's language.
 */
export const EXCLUSION_REASONS = [
  /** The partner's status is not one the calculation takes (e.g. prospect; a program's statuses). */
  'status',
  /** The partner is paid in another currency than the program. */
  'currency',
  'channelType',
  'tier',
  /** Outside the territories asked for (sub-territories included). */
  'region',
  /** Not named in the list of partner codes asked for. */
  'partnerCode',
  /** Below the program's minimum training compliance. */
  'training',
  /** Without a valid certificate the program requires. */
  'certification',
  /** Has a channel-conflict or price-conflict risk not closed (a program's eligibility). */
  'conflictRisk',
  /** Joined after the period's last day. */
  'joinedLater',
  /** Nothing required of the partner's tier and channel type (compliance has no ratio to give). */
  'noRequirement',
  /** Considered and eligible, but no sales in the period. */
  'noSales',
  /** The period lies outside the program's validity. */
  'validity',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What the reason's words need: the partner's value (`value`) and the rule's (`expected`, a list where several are allowed). */
export type ExclusionParams = { value?: string | number | null; expected?: string | number | Array<string | number> | null };

export interface Exclusion {
  reason: ExclusionReason;
  params: ExclusionParams;
  count: number;
}

export interface Population {
  considered: number;
  included: number;
  /** How many were left out, per reason (`{"currency": 804, "status": 3}`). */
  excluded: Partial<Record<ExclusionReason, number>>;
  /** The same, grouped by reason and parameters (the partner's value and the rule's), largest first. */
  reasons: Exclusion[];
}

/** Counts exclusions while a calculation walks its partners. */
export class PopulationCounter {
  private readonly groups = new Map<string, Exclusion>();
  considered = 0;
  included = 0;

  consider(n = 1): void {
    this.considered += n;
  }

  include(n = 1): void {
    this.included += n;
  }

  exclude(reason: ExclusionReason, params: ExclusionParams = {}, n = 1): void {
    const key = JSON.stringify([reason, params.value ?? null, params.expected ?? null]);
    const g = this.groups.get(key);
    if (g) g.count += n;
    else this.groups.set(key, { reason, params: { ...params }, count: n });
  }

  result(): Population {
    const reasons = [...this.groups.values()].sort(
      (a, b) => b.count - a.count || EXCLUSION_REASONS.indexOf(a.reason) - EXCLUSION_REASONS.indexOf(b.reason) || String(a.params.value ?? '').localeCompare(String(b.params.value ?? '')),
    );
    return { considered: this.considered, included: this.included, excluded: totalsOf(reasons), reasons };
  }
}

function totalsOf(reasons: Exclusion[]): Partial<Record<ExclusionReason, number>> {
  const out: Partial<Record<ExclusionReason, number>> = {};
  for (const e of reasons) out[e.reason] = (out[e.reason] ?? 0) + e.count;
  return out;
}

/** A population stored with a run (JSON). Runs stored before `reasons` existed held the grouped list under `excluded`. */
export function parsePopulation(json: string | null): Population | null {
  if (json == null) return null;
  const p = JSON.parse(json) as Population | (Omit<Population, 'excluded' | 'reasons'> & { excluded: Exclusion[] });
  if (Array.isArray(p.excluded)) return { considered: p.considered, included: p.included, excluded: totalsOf(p.excluded), reasons: p.excluded };
  return p as Population;
}
