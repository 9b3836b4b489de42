import type { Workspace } from '../../../db/database';
import type { RiskCategory } from '../../../shared/enums';
import type { RiskRow } from '../../../db/schema';
import { riskSignalStore } from './store';
import { diffRisk, snapshotOf, type RiskChanges, type RiskSnapshot } from '../risks/riskRegister';
import { partnersEvaluatedLater } from '../risks/evaluatedLater';
import { RISK_RULE_CODES, type RiskRuleCode, type RiskRules } from './evaluationSettings';
import type { PartnerKpis } from './kpis';
import { addDays } from '../../../shared/period';
import { MAX_RISK_TEXT_LINES, storedRiskText, type RiskMeasure, type RiskTextLine, type RiskTextParams } from '../../../shared/riskTexts';
import { getSetting } from '../system/settingsStore';

const RULE_CATEGORY: Record<RiskRuleCode, RiskCategory> = {
  revenue_drop: 'market',
  low_attainment: 'market',
  low_satisfaction: 'operational',
  expired_certifications: 'compliance',
  low_retention: 'market',
};

/**
 * An auto-risk's code: run, partner and rule, zero-padded so that codes sort as numbers do (EV-0001-00002-1 before
 * EV-0001-00010-1; unpadded, EV-1-10-1 sorted before EV-1-2-1). Explicit instead of the register's next R-number:
 * unique, and no scan per risk.
 */
export function autoRiskCode(runId: number, partnerId: number, rule: RiskRuleCode): string {
  return `EV-${String(runId).padStart(4, '0')}-${String(partnerId).padStart(5, '0')}-${RISK_RULE_CODES.indexOf(rule) + 1}`;
}

/** Setting: days from the evaluation to an auto-risk's first review (its next review date). */
export const AUTO_RISK_REVIEW_DAYS_SETTING = 'risk.autoReviewDays' as const;
export const DEFAULT_AUTO_RISK_REVIEW_DAYS = 30;

/** The next review date of auto-risks raised today: today + the setting's days (1–365, else the default). */
export function autoRiskReviewOn(ws: Workspace, today: string): string {
  const days = getSetting<unknown>(ws.db, AUTO_RISK_REVIEW_DAYS_SETTING, DEFAULT_AUTO_RISK_REVIEW_DAYS);
  return addDays(today, typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_AUTO_RISK_REVIEW_DAYS);
}

/** Whether a rule's condition holds for these KPIs: true / false, or null when it cannot be judged (KPI undefined). */
export function ruleHolds(code: RiskRuleCode, k: PartnerKpis, rules: RiskRules): boolean | null {
  const t = rules[code].threshold;
  switch (code) {
    case 'revenue_drop': {
      // Year on year where last year had sales: channel sales are seasonal (Spring Festival, 618, Double 11), and every
      // first quarter "drops" on the fourth. Else on the previous period.
      const g = k.growthYoY ?? k.growthPrev;
      return g === null ? null : g < -t;
    }
    case 'low_attainment':
      return k.attainment === null ? null : k.attainment < t;
    case 'low_satisfaction':
      return k.satisfaction === null ? null : k.satisfaction < t;
    case 'expired_certifications':
      return k.expiredCertifications >= Math.max(1, t);
    case 'low_retention':
      return k.retention === null ? null : k.retention < t;
  }
}

/** What a rule measured, for a rule that could be judged (`ruleHolds` not null): the words of a raised or cleared line. */
export function ruleMeasure(code: RiskRuleCode, k: PartnerKpis, rules: RiskRules): RiskMeasure {
  const t = rules[code].threshold;
  switch (code) {
    case 'revenue_drop':
      return { rule: code, growth: (k.growthYoY ?? k.growthPrev)!, limit: t, yoy: k.growthYoY !== null };
    case 'low_attainment':
      return { rule: code, attainment: k.attainment!, limit: t };
    case 'low_satisfaction':
      return { rule: code, satisfaction: k.satisfaction!, limit: t };
    case 'expired_certifications':
      return { rule: code, count: k.expiredCertifications, limit: Math.max(1, t) };
    case 'low_retention':
      return { rule: code, retention: k.retention!, limit: t };
  }
}

export interface RiskSignalOutcome {
  created: number;
  updated: number;
  reviewRequested: number;
  /** Channel auto-risks closed because their finding cleared (electron/domain/inventory/channelRisks.ts). */
  closed?: number;
}

/**
 * Turns one period's KPIs into auto-risks (source 'evaluation', rule_code = the rule): at most one open (not closed)
 * auto-risk per partner and rule — raised when the condition holds, updated (not duplicated) while it keeps holding,
 * marked review_requested when it clears (never deleted or closed automatically). A partner whose KPIs are stored for a
 * later period of the same kind is left alone: the register follows the most recent evaluation, so re-running an old
 * period does not reopen or clear today's signals. Runs inside the caller's transaction.
 */
export function applyRiskSignals(
  ws: Workspace,
  period: { label: string; kind: string },
  kpis: PartnerKpis[],
  rules: RiskRules,
  user: string,
  at: Date,
  runId = 0,
  reviewOn: string | null = null,
): RiskSignalOutcome {
  const out: RiskSignalOutcome = { created: 0, updated: 0, reviewRequested: 0 };
  // Reads up front instead of one query per partner and rule: the partners evaluated for a later period of this kind,
  // the newest not-closed auto-risk per partner and rule, and the partners' codes (for new risks' titles).
  const ids = JSON.stringify(kpis.map((k) => k.partnerId));
  const later = partnersEvaluatedLater(ws, period);
  // Partners not in business (suspended, terminated — not expected to sell) raise no signals and keep the ones they have.
  const resting = new Set(riskSignalStore.restingPartners(ws, ids));
  // Keyed partner × rule as one number (partner id × 8 + the rule's index): no key strings per partner and rule.
  const ruleIndex = new Map<string | null, number>(RISK_RULE_CODES.map((c, i) => [c, i]));
  const open = new Map<number, RiskRow>();
  for (const r of riskSignalStore.openAutoRisks(ws, ids)) {
    const i = ruleIndex.get(r.ruleCode);
    if (r.partnerId === null || i === undefined) continue;
    const key = r.partnerId * 8 + i;
    if (!open.has(key)) open.set(key, r);
  }
  const codes = new Map(riskSignalStore.partnerCodes(ws, ids));
  // A new auto-risk is owned by the partner's channel manager (the person who will act on it), null where it has none.
  const owners = new Map(riskSignalStore.partnerOwners(ws, ids));

  // The changes, decided in memory and written with a few set-based statements. The history rows keep the order in
  // which the partners and rules were visited (as one create or update at a time wrote them).
  type Words = Pick<RiskRow, 'title' | 'description' | 'textParams' | 'reviewRequested'>;
  const creates: Array<[code: string, title: string, description: string | null, category: RiskCategory, partnerId: number, rule: RiskRuleCode, owner: string | null, textCode: string, textParams: string]> = [];
  const updates: Array<{ before: RiskRow; after: Words; changes: RiskChanges }> = [];
  const order: Array<{ create: string } | { update: number }> = [];
  // Only the words and the review flag change, so the register's diff is taken over those fields alone, in the row's
  // field order (textParams is never diffed): the same changes as over the whole snapshot.
  let diffed: Array<keyof Words> | null = null;
  const wordsOf = (r: Words) => {
    diffed ??= (Object.keys(r) as Array<keyof Words>).filter((f) => f === 'title' || f === 'description' || f === 'reviewRequested');
    const w: Partial<Words> = {};
    for (const f of diffed) (w as Record<string, unknown>)[f] = r[f];
    return w as RiskSnapshot;
  };
  const change = (before: RiskRow, patch: Partial<Words>) => {
    const after: Words = { title: before.title, description: before.description, textParams: before.textParams, reviewRequested: before.reviewRequested, ...patch };
    const changes = diffRisk(wordsOf(before), wordsOf({ ...before, ...after }));
    if (Object.keys(changes).length === 0) return false;
    updates.push({ before, after, changes });
    order.push({ update: before.id });
    return true;
  };
  /** An auto-risk's words (code + parameters, and the zh-CN columns) with these description lines; a person's words stay. */
  const worded = (existing: RiskRow, params: RiskTextParams): Partial<Words> =>
    existing.textCode ? { ...storedRiskText(existing.textCode as `evaluation.${RiskRuleCode}`, params), textParams: params } : {};
  for (const k of kpis) {
    if (later.has(k.partnerId) || resting.has(k.partnerId)) continue;
    for (let i = 0; i < RISK_RULE_CODES.length; i++) {
      const code = RISK_RULE_CODES[i];
      if (!rules[code].enabled) continue;
      const holds = ruleHolds(code, k, rules);
      if (holds === null) continue;
      const existing = open.get(k.partnerId * 8 + i);
      // Nothing to raise and nothing to clear: the common case, decided without building the measure.
      if (!holds && (!existing || existing.reviewRequested)) continue;
      const measure = ruleMeasure(code, k, rules);
      const partnerCode = codes.get(k.partnerId)!;
      if (holds) {
        const params: RiskTextParams = { partner: existing?.textParams?.partner ?? partnerCode, lines: [{ kind: 'raised', period: period.label, measure }] };
        if (existing) {
          const same = !existing.textCode || JSON.stringify(existing.textParams) === JSON.stringify(params);
          if ((!same || existing.reviewRequested) && change(existing, { ...worded(existing, params), reviewRequested: false })) out.updated++;
        } else {
          const riskCode = autoRiskCode(runId, k.partnerId, code);
          const words = storedRiskText(`evaluation.${code}`, params);
          creates.push([riskCode, words.title, words.description, RULE_CATEGORY[code], k.partnerId, code, owners.get(k.partnerId) ?? null, `evaluation.${code}`, JSON.stringify(params)]);
          order.push({ create: riskCode });
          out.created++;
        }
      } else if (existing && !existing.reviewRequested) {
        const cleared: RiskTextLine = { kind: 'cleared', period: period.label, measure, closed: false };
        const params: RiskTextParams = { ...existing.textParams, lines: [...(existing.textParams?.lines ?? []), cleared].slice(-MAX_RISK_TEXT_LINES) };
        if (change(existing, { ...worded(existing, params), reviewRequested: true })) out.reviewRequested++;
      }
    }
  }
  if (order.length === 0) return out;

  const iso = at.toISOString();
  if (creates.length) riskSignalStore.insertRisks(ws, { rows: JSON.stringify(creates), at: iso, reviewOn });
  if (updates.length) {
    riskSignalStore.updateRisks(ws, {
      rows: JSON.stringify(updates.map((u) => [u.before.id, u.after.title, u.after.description, u.after.textParams ? JSON.stringify(u.after.textParams) : null, u.after.reviewRequested ? 1 : 0])),
      at: iso,
    });
  }
  // Each change's history entry: what changed and the full row after it — a new risk read back as the register reads
  // it, a changed one as it was read before with its words and review flag set (the timestamps are not part of a snapshot).
  const created = creates.length ? riskSignalStore.risksByCode(ws, creates.map((c) => c[0])) : [];
  const byCode = new Map(created.map((r) => [r.code, r]));
  const updated = new Map(updates.map((u) => [u.before.id, u]));
  const history = order.map((o) => {
    if ('create' in o) {
      const row = byCode.get(o.create)!;
      return [row.id, JSON.stringify({ created: true }), JSON.stringify(snapshotOf(row))];
    }
    const u = updated.get(o.update)!;
    return [u.before.id, JSON.stringify(u.changes), JSON.stringify(snapshotOf({ ...u.before, ...u.after }))];
  });
  riskSignalStore.insertHistory(ws, { rows: JSON.stringify(history), at: iso, user });
  return out;
}
