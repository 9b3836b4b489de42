import { PopulationCounter, type Population } from '../../../shared/population';
import type { Workspace } from '../../../db/database';
import { horizon } from '../../model/trainingExpiry';
import { complianceStore } from './store';

export interface PartnerCompliance {
  /** Number of active catalogue courses required for the partner. */
  required: number;
  /** Required courses held valid at asOf. */
  valid: number;
  /** Of the valid ones, those whose best (latest) valid certificate lapses within 90 days of asOf (expiresOn ≤ asOf + 90). */
  expiringIn90Days: number;
  /** valid / required, or null when nothing is required. */
  compliance: number | null;
}

/** A catalogue course as the requirement rule sees it. */
export interface RequirementCourse {
  id: number;
  requiredTiers: string[];
  requiredChannelTypes: string[];
}

/**
 * The requirement rule (one place, used by compliance, the matrix and the UI):
 * a course's `required_tiers` and `required_channel_types` are filters; an EMPTY list does not restrict.
 * A course is required for a partner when every NON-EMPTY list contains the partner's value, i.e.
 *   - tiers [strategic, tier1], channel types []          → all strategic and tier-1 partners
 *   - tiers [],                 channel types [ecommerce] → all e-commerce partners
 *   - tiers [strategic],        channel types [alliance]  → strategic alliance partners only (both must match)
 *   - both lists empty                                    → required for nobody (an optional course)
 * Inactive (retired) courses are never required.
 */
export function isRequiredFor(course: RequirementCourse, partner: { tier: string; channelType: string }): boolean {
  const t = course.requiredTiers;
  const c = course.requiredChannelTypes;
  if (t.length === 0 && c.length === 0) return false;
  return (t.length === 0 || t.includes(partner.tier)) && (c.length === 0 || c.includes(partner.channelType));
}

export function parseCodeList(json: unknown): string[] {
  if (Array.isArray(json)) return json.map(String);
  if (typeof json !== 'string' || json === '') return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** Active courses with their requirement lists parsed. */
export function requirementCourses(ws: Workspace): RequirementCourse[] {
  return complianceStore
    .requirementCourses(ws)
    .map((r) => ({ id: r.id, requiredTiers: parseCodeList(r.requiredTiers), requiredChannelTypes: parseCodeList(r.requiredChannelTypes) }));
}

/**
 * The best valid certificate per (partner, course) at asOf (see complianceStore.validHoldings); value = the latest
 * expiry ('9999-12-31' for "never expires"), key = `${partnerId}:${courseId}`.
 */
export function validHoldings(ws: Workspace, asOf: string, partnerIds?: number[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of complianceStore.validHoldings(ws, asOf, partnerIds)) out.set(`${r.partnerId}:${r.courseId}`, r.expiresOn);
  return out;
}

/**
 * Training compliance per live partner at `asOf` (YYYY-MM-DD), three SQL queries whatever the number of partners.
 * A required course counts as valid when some PASSED record of that partner has completedOn ≤ asOf and
 * (expiresOn null or expiresOn ≥ asOf) — expiry is inclusive, see expiry.ts. Failed records never count.
 * Deleted partners are left out (also when their id is passed in partnerIds).
 */
export function trainingCompliance(ws: Workspace, asOf: string, partnerIds?: number[]): Map<number, PartnerCompliance> {
  return complianceFrom(complianceStore.livePartners(ws, partnerIds), requirementCourses(ws), validHoldings(ws, asOf, partnerIds), asOf);
}

/**
 * The valid holdings at asOf from a partner's passed records (the rule of validHoldings, in memory): records completed on
 * or before asOf that have not lapsed; value = the latest expiry ('9999-12-31' for "never expires").
 */
export function holdingsAt(records: Iterable<{ p: number; c: number; completedOn: string; expiresOn: string | null }>, asOf: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (r.completedOn > asOf || (r.expiresOn !== null && r.expiresOn < asOf)) continue;
    const key = `${r.p}:${r.c}`;
    const e = r.expiresOn ?? '9999-12-31';
    const had = out.get(key);
    if (had === undefined || e > had) out.set(key, e);
  }
  return out;
}

/** The compliance rule over the given partners, the catalogue's courses and the holdings valid at asOf (`${partner}:${course}`). */
export function complianceFrom(
  partners: Iterable<{ id: number; tier: string; channelType: string }>,
  courses: RequirementCourse[],
  held: Map<string, string>,
  asOf: string,
): Map<number, PartnerCompliance> {
  const soon = horizon(asOf, 90);
  // Partners sharing a tier and channel type share the list of required courses.
  const requiredByKind = new Map<string, number[]>();
  const out = new Map<number, PartnerCompliance>();
  for (const p of partners) {
    const kind = `${p.tier}|${p.channelType}`;
    let req = requiredByKind.get(kind);
    if (!req) {
      req = courses.filter((c) => isRequiredFor(c, p)).map((c) => c.id);
      requiredByKind.set(kind, req);
    }
    let valid = 0;
    let expiring = 0;
    for (const courseId of req) {
      const e = held.get(`${p.id}:${courseId}`);
      if (e === undefined) continue;
      valid++;
      if (e <= soon) expiring++;
    }
    out.set(p.id, { required: req.length, valid, expiringIn90Days: expiring, compliance: req.length === 0 ? null : valid / req.length });
  }
  return out;
}

/** Every partner asked for is considered; one without any required course has no ratio (compliance null) and is counted as such. */
export function compliancePopulation(rows: Iterable<PartnerCompliance>): Population {
  const pop = new PopulationCounter();
  for (const r of rows) {
    pop.consider();
    if (r.required === 0) pop.exclude('noRequirement');
    else pop.include();
  }
  return pop.result();
}

/** The compliance list (`training.compliance`): every live partner asked for, by code, with its figures and the population. */
export function complianceReport(ws: Workspace, asOf: string, partnerIds?: number[]) {
  const map = trainingCompliance(ws, asOf, partnerIds);
  const names = new Map(complianceStore.partnerDetails(ws).map((p) => [p.id, p.name]));
  return {
    asOf,
    rows: complianceStore.livePartners(ws, partnerIds).map((p) => ({ partnerId: p.id, partnerCode: p.code, partnerName: names.get(p.id) ?? '', ...map.get(p.id)! })),
    population: compliancePopulation(map.values()),
  };
}

/** A passed record as a bulk compliance read returns it (partner, course, completed, expires). */
export type PassedRecordTuple = [p: number, c: number, completedOn: string, expiresOn: string | null];

/**
 * A partner's standing in one course at several dates, three bits per date j (bit 3j + k, k below): 0 — a passed record
 * valid at the date (completed by it, not expired before it: expiry is inclusive); 1 — a passed record completed by the
 * date that expired before it (lapsed); 2 — a valid one lasting past the date + 90 days (a valid certificate that does
 * not count as expiring). At most 17 dates (51 bits: a JavaScript number holds them exactly).
 */
export type CourseStandingTuple = [p: number, c: number, bits: number];

/** The most dates one standing holds (3 bits each within 2^53). */
export const MAX_STANDING_DATES = 17;

/** The bits of a standing at date j (0–7). */
const bitsAt = (bits: number, j: number) => Math.floor(bits / 8 ** j) % 8;

/**
 * The standings of (partner, course) pairs at the dates from their passed records — the rule the evaluation's store
 * applies in SQL (`courseStandingsOf`), one group per pair, here over records in memory (ordered by partner).
 */
export function courseStandings(records: PassedRecordTuple[], dates: string[]): CourseStandingTuple[] {
  const byPair = new Map<string, CourseStandingTuple>();
  for (const [p, c, completedOn, expiresOn] of records) {
    const key = `${p}:${c}`;
    let t = byPair.get(key);
    if (!t) byPair.set(key, (t = [p, c, 0]));
    dates.forEach((asOf, j) => {
      if (completedOn > asOf) return;
      const had = bitsAt(t[2], j);
      let now = had;
      if (expiresOn !== null && expiresOn < asOf) now |= 2;
      else {
        now |= 1;
        if ((expiresOn ?? '9999-12-31') > horizon(asOf, 90)) now |= 4;
      }
      t[2] += (now - had) * 8 ** j;
    });
  }
  return [...byPair.values()].sort((a, b) => a[0] - b[0]);
}

/**
 * Compliance (the rule of `complianceFrom` over `holdingsAt`) and the count of required certificates held before but
 * lapsed at each date (a required course with a lapsed record and no valid one), for every partner — one pass over the
 * (partner, course) standings, which must be ordered by partner; partners absent from `partners` are skipped.
 */
export function complianceAndLapsedFrom(
  partners: Array<{ id: number; tier: string; channelType: string }>,
  courses: RequirementCourse[],
  standings: CourseStandingTuple[],
  dates: string[],
): Array<{ compliance: Map<number, PartnerCompliance>; expired: Map<number, number> }> {
  if (dates.length > MAX_STANDING_DATES) throw new Error(`At most ${MAX_STANDING_DATES} dates at once`);
  const requiredByKind = new Map<string, number[]>();
  const requiredOf = (p: { tier: string; channelType: string }) => {
    const kind = `${p.tier}|${p.channelType}`;
    let req = requiredByKind.get(kind);
    if (!req) requiredByKind.set(kind, (req = courses.filter((c) => isRequiredFor(c, p)).map((c) => c.id)));
    return req;
  };
  // Where each partner's standings start (they run on while the partner is the same).
  const first = new Map<number, number>();
  for (let i = standings.length - 1; i >= 0; i--) first.set(standings[i][0], i);
  return dates.map((_, j) => {
    const compliance = new Map<number, PartnerCompliance>();
    const expired = new Map<number, number>();
    for (const p of partners) {
      const req = requiredOf(p);
      let valid = 0;
      let expiring = 0;
      let gone = 0;
      if (req.length > 0) {
        for (let i = first.get(p.id) ?? standings.length; i < standings.length && standings[i][0] === p.id; i++) {
          const [, c, all] = standings[i];
          if (!req.includes(c)) continue;
          const b = bitsAt(all, j);
          if (b & 1) {
            valid++;
            if (!(b & 4)) expiring++;
          } else if (b & 2) gone++;
        }
      }
      compliance.set(p.id, { required: req.length, valid, expiringIn90Days: expiring, compliance: req.length === 0 ? null : valid / req.length });
      if (gone) expired.set(p.id, gone);
    }
    return { compliance, expired };
  });
}
