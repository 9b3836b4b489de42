import type { Workspace } from '../../../db/database';
import type { DealRegistrationRow, DealStatus } from '../../../db/schema';
import type { CustomerConflict, DealConflict, DealDecision, DealInput, DealListFilter, DealRow, DealSettings, PriceConflict } from '../../model/deals';
import { dealFields, DEFAULT_DEAL_SETTINGS } from '../../model/deals';
import { DomainError } from '../../../shared/errors';
import { issueParams, type IssueLike } from '../../../shared/validationMessages';
import { storedRiskText, type RiskTextParams } from '../../../shared/riskTexts';
import { addDays } from '../../../shared/period';
import { startOfDayIso } from '../../../shared/clock';
import type { ChangeContext } from '../opContext';
import { createRisk, updateRisk } from '../risks/riskRegister';
import { getSetting, setSetting } from '../system/settingsStore';
import { customerKey, normaliseCreditCode } from './customerKey';
import { dealStore } from './store';
import { notFound, wrongStatus } from '../../../shared/errorMessages';

export const DEAL_SETTING_KEYS = {
  conflictWindowDays: 'deals.conflictWindowDays',
  protectionDays: 'deals.protectionDays',
  priceFloors: 'deals.priceFloors',
} as const;

export { DEFAULT_DEAL_SETTINGS };

export function getDealSettings(ws: Workspace): DealSettings {
  const n = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : d);
  const floors = getSetting<unknown>(ws.db, DEAL_SETTING_KEYS.priceFloors, {});
  return {
    conflictWindowDays: n(getSetting(ws.db, DEAL_SETTING_KEYS.conflictWindowDays, 90), 90),
    protectionDays: n(getSetting(ws.db, DEAL_SETTING_KEYS.protectionDays, 90), 90),
    priceFloors: floors && typeof floors === 'object' && !Array.isArray(floors) ? (floors as Record<string, number>) : {},
  };
}

export function setDealSettings(ctx: Pick<ChangeContext, 'ws' | 'clock'>, s: DealSettings): { before: DealSettings; after: DealSettings } {
  const { ws } = ctx;
  const at = ctx.clock.now();
  const before = getDealSettings(ws);
  setSetting(ws.db, DEAL_SETTING_KEYS.conflictWindowDays, s.conflictWindowDays, at);
  setSetting(ws.db, DEAL_SETTING_KEYS.protectionDays, s.protectionDays, at);
  setSetting(ws.db, DEAL_SETTING_KEYS.priceFloors, s.priceFloors, at);
  return { before, after: getDealSettings(ws) };
}

/** Registrations that still hold a customer: not rejected, expired or lost. */
const LIVE: DealStatus[] = ['pending', 'conflict', 'approved', 'won'];

export const dealRiskRule = (dealId: number) => `deal:${dealId}`;

/** The operation clock's instant the change is recorded at (`ctx.clock.now()`); its day is the registration's day. */

function partnerInfo(ws: Workspace): Map<number, { code: string; name: string; nameEn: string | null; owner: string | null }> {
  return new Map(dealStore.partnerInfo(ws).map((p) => [p.id, p]));
}

function toRows(ws: Workspace, rows: DealRegistrationRow[]): DealRow[] {
  const pm = partnerInfo(ws);
  const rules = rows.map((r) => dealRiskRule(r.id));
  const riskByRule = new Map<string, { id: number; code: string }>();
  for (let i = 0; i < rules.length; i += 500) {
    const chunk = rules.slice(i, i + 500);
    for (const r of dealStore.dealRisksByRule(ws, chunk)) {
      riskByRule.set(r.ruleCode!, r);
    }
  }
  return rows.map((r) => {
    const p = r.partnerId != null ? pm.get(r.partnerId) : undefined;
    const risk = riskByRule.get(dealRiskRule(r.id));
    return {
      ...r,
      conflicts: (r.conflicts ?? []) as unknown as DealConflict[],
      partnerCode: p?.code ?? null,
      partnerName: p?.name ?? null,
      partnerNameEn: p?.nameEn ?? null,
      riskId: risk?.id ?? null,
      riskCode: risk?.code ?? null,
    };
  });
}

function getRow(ws: Workspace, id: number): DealRegistrationRow {
  const row = dealStore.byId(ws, id);
  if (!row) throw new DomainError(`Deal registration ${id} not found`, 'NOT_FOUND', notFound('deal', id));
  return row;
}

/**
 * The live registrations of the same customer (same normalised name or same credit code) by someone else — another
 * partner, or the direct team (partner null) — registered within the window before `day`, or still protected on `day`.
 */
export function findCustomerConflicts(
  ws: Workspace,
  c: { partnerId: number | null; customerKey: string; creditCode: string | null; excludeId?: number },
  day: string,
  windowDays: number,
  timeZone: string,
): CustomerConflict[] {
  const windowStart = startOfDayIso(addDays(day, -windowDays), timeZone);
  const pm = partnerInfo(ws);
  return dealStore
    .sameCustomerBySomeoneElse(ws, c, LIVE)
    .filter((r) => r.id !== c.excludeId)
    .filter((r) => r.registeredAt >= windowStart || (r.status === 'approved' && r.protectedUntil != null && r.protectedUntil >= day))
    .map((r) => {
      const p = r.partnerId != null ? pm.get(r.partnerId) : undefined;
      const matchedBy: CustomerConflict['matchedBy'] = [];
      if (r.customerKey === c.customerKey) matchedBy.push('name');
      if (c.creditCode && r.customerCreditCode === c.creditCode) matchedBy.push('creditCode');
      return {
        kind: 'customer' as const,
        registrationId: r.id,
        partnerId: r.partnerId,
        partnerCode: p?.code ?? null,
        partnerName: p?.name ?? null,
        customerName: r.customerName,
        matchedBy,
        status: r.status,
        registeredAt: r.registeredAt,
        protectedUntil: r.protectedUntil,
      };
    });
}

export function priceConflictOf(settings: DealSettings, productLine: string, quotedPriceMinor: number | null | undefined): PriceConflict | null {
  if (quotedPriceMinor == null) return null;
  const floor = settings.priceFloors[productLine];
  if (typeof floor !== 'number' || quotedPriceMinor >= floor) return null;
  return { kind: 'price', productLine, quotedPriceMinor, floorMinor: floor };
}

/**
 * Registers a deal. Conflicts (same customer held by someone else within the window, or a quoted price under the product
 * line's floor) block automatic approval: status 'conflict', the conflicts recorded, and a channel-conflict (or
 * price-conflict) risk raised with source 'deal'. Without conflict the registration is approved and protected for
 * the configured number of days.
 */
export function registerDeal(ctx: ChangeContext, input: DealInput): { deal: DealRow; riskId: number | null } {
  const { ws, user } = ctx;
  const parsed = dealFields.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code, params: issueParams(i as IssueLike) }));
    throw new DomainError(`Invalid deal registration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, 'DOMAIN', { issues, reason: 'invalidFields', params: { what: 'deal', issues } });
  }
  const data = parsed.data;
  const at = ctx.clock.now();
  const day = ctx.clock.today(at);
  const pm = partnerInfo(ws);
  const partner = data.partnerId != null ? pm.get(data.partnerId) : undefined;
  if (data.partnerId != null && !partner) throw new DomainError(`Partner ${data.partnerId} not found`, 'NOT_FOUND', { ...notFound('partner', data.partnerId), issues: [{ path: 'partnerId', message: 'no such partner' }] });

  const settings = getDealSettings(ws);
  const key = customerKey(data.customerName);
  const creditCode = normaliseCreditCode(data.customerCreditCode);
  const customerConflicts = findCustomerConflicts(ws, { partnerId: data.partnerId, customerKey: key, creditCode }, day, settings.conflictWindowDays, ctx.clock.timeZone);
  const price = priceConflictOf(settings, data.productLine, data.quotedPriceMinor);
  const conflicts: DealConflict[] = [...customerConflicts, ...(price ? [price] : [])];
  const conflict = conflicts.length > 0;
  const iso = at.toISOString();

  const row = dealStore.insert(ws, {
    partnerId: data.partnerId,
    customerName: data.customerName,
    customerKey: key,
    customerCreditCode: creditCode,
    productLine: data.productLine,
    expectedValueMinor: data.expectedValueMinor,
    quotedPriceMinor: data.quotedPriceMinor ?? null,
    expectedCloseOn: data.expectedCloseOn ?? null,
    status: conflict ? 'conflict' : 'approved',
    registeredAt: iso,
    protectedUntil: conflict ? null : addDays(day, settings.protectionDays),
    conflicts: conflicts as unknown as Array<Record<string, unknown>>,
    decidedBy: conflict ? null : 'auto',
    decidedAt: conflict ? null : iso,
    createdAt: iso,
    updatedAt: iso,
  });

  let riskId: number | null = null;
  if (conflict) {
    // Stored as a text code and its parameters, read in the reader's language (shared/riskTexts).
    const textCode = customerConflicts.length ? 'deal.channelConflict' : 'deal.priceConflict';
    const params: RiskTextParams = {
      customer: data.customerName,
      dealId: row.id,
      registeredBy: partner ? { code: partner.code, name: partner.name } : null,
      heldBy: customerConflicts.map((c) => (c.partnerCode ? { code: c.partnerCode, name: c.partnerName ?? '' } : null)),
      windowDays: settings.conflictWindowDays,
      price: price ? { quotedMinor: price.quotedPriceMinor, floorMinor: price.floorMinor, productLine: price.productLine } : null,
    };
    const words = storedRiskText(textCode, params);
    const risk = createRisk(
      ctx,
      {
        title: words.title,
        description: words.description,
        category: customerConflicts.length ? 'channel_conflict' : 'price_conflict',
        partnerId: data.partnerId,
        likelihood: customerConflicts.length ? 4 : 3,
        impact: 3,
        owner: partner?.owner ?? user,
        treatment: 'reduce',
        status: 'open',
        nextReviewOn: addDays(day, 14),
        source: 'deal',
        ruleCode: dealRiskRule(row.id),
      },
      { text: { code: textCode, params } },
    );
    riskId = risk.id;
  }
  return { deal: toRows(ws, [row])[0], riskId };
}

export function listDeals(ws: Workspace, f: DealListFilter): { rows: DealRow[]; total: number } {
  if (f.channelManagerIds && !f.channelManagerIds.length) return { rows: [], total: 0 };
  let rows = toRows(ws, dealStore.list(ws, f));
  if (f.search?.trim()) {
    const q = f.search.trim().toLowerCase();
    const qk = customerKey(f.search);
    rows = rows.filter((r) =>
      [r.customerName, r.customerCreditCode ?? '', r.productLine, r.partnerCode ?? '', r.partnerName ?? ''].join('\n').toLowerCase().includes(q) || (qk && r.customerKey.includes(qk)),
    );
  }
  rows.reverse(); // newest first
  return { rows, total: rows.length };
}

export function getDeal(ws: Workspace, id: number): { deal: DealRow; conflicting: DealRow[]; priceConflict: PriceConflict | null } {
  const deal = toRows(ws, [getRow(ws, id)])[0];
  const ids = deal.conflicts.filter((c): c is CustomerConflict => c.kind === 'customer').map((c) => c.registrationId);
  const conflicting = ids.length ? toRows(ws, dealStore.byIds(ws, ids)) : [];
  const priceConflict = (deal.conflicts.find((c) => c.kind === 'price') as PriceConflict | undefined) ?? null;
  return { deal, conflicting, priceConflict };
}

const ALLOWED: Record<DealDecision, DealStatus[]> = {
  approve: ['conflict', 'pending'],
  reject: ['conflict', 'pending', 'approved'],
  won: ['approved', 'expired'],
  lost: ['approved', 'expired', 'pending', 'conflict'],
};
const RESULT: Record<DealDecision, DealStatus> = { approve: 'approved', reject: 'rejected', won: 'won', lost: 'lost' };

/**
 * A manager's decision on a registration: approve (protected from today for the configured days) or reject a conflicting
 * one; mark an approved one won or lost. Deciding a conflict asks for a review of the risk it raised.
 */
export function decideDeal(ctx: ChangeContext, id: number, decision: DealDecision, note: string | undefined): { before: DealRow; after: DealRow } {
  const { ws, user } = ctx;
  const at = ctx.clock.now();
  const beforeRow = getRow(ws, id);
  if (!ALLOWED[decision].includes(beforeRow.status)) {
    throw new DomainError(`Cannot ${decision} a registration that is ${beforeRow.status}`, 'CONFLICT', { status: beforeRow.status, decision, ...wrongStatus('deal', id, beforeRow.status, ALLOWED[decision], decision) });
  }
  const day = ctx.clock.today(at);
  const protectedUntil =
    decision === 'approve' ? addDays(day, getDealSettings(ws).protectionDays) : decision === 'reject' ? null : beforeRow.protectedUntil;
  const afterRow = dealStore.update(ws, id, {
    status: RESULT[decision],
    protectedUntil,
    decidedBy: user,
    decidedAt: at.toISOString(),
    decisionNote: note ?? beforeRow.decisionNote,
    updatedAt: at.toISOString(),
  });
  if (beforeRow.status === 'conflict' && (decision === 'approve' || decision === 'reject')) {
    const risk = dealStore.dealRisk(ws, dealRiskRule(id));
    if (risk && risk.status !== 'closed' && !risk.reviewRequested) updateRisk(ctx, risk.id, { reviewRequested: true });
  }
  const [before, after] = toRows(ws, [beforeRow, afterRow]);
  return { before, after };
}

/** Approved registrations whose protection ended before `asOf` become 'expired'. */
export function expireDeals(ctx: ChangeContext, asOf: string): { asOf: string; expired: number[] } {
  const at = ctx.clock.now().toISOString();
  const expired = dealStore.expireApprovedBefore(ctx.ws, asOf, { decidedBy: ctx.user, decidedAt: at, updatedAt: at });
  return { asOf, expired: expired.sort((a, b) => a - b) };
}
