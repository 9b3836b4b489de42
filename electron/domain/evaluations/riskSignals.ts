import type { Workspace } from '../../../db/database';
import type { RiskCategory } from '../../../shared/enums';
import { riskSignalStore, type ChangedAutoRisk, type NewAutoRisk, type OpenRiskWords } from './store';
import type { RiskChanges } from '../risks/riskRegister';
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

/** What a (partner, rule) pair needs: a new auto-risk, the open one raised again, or the open one cleared. */
const RAISE = 0;
const RAISE_AGAIN = 1;
const CLEAR = 2;

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
  // Reads up front instead of one query per partner and rule: the partners evaluated for a later period of this kind
  // or not in business (suspended, terminated — not expected to sell: they raise no signals and keep the ones they
  // have), and the open auto-risks as (id, partner, rule, review flag) — the words of a risk and the code and channel
  // manager of a partner are read afterwards, only for the pairs that change something.
  const skip = partnersEvaluatedLater(ws, period);
  for (const id of riskSignalStore.restingPartners(ws)) skip.add(id);
  // One slot per evaluated partner × rule (the partner's position × 8 + the rule's index), no Map lookup per pair: the
  // newest open auto-risk's id, negated when it is already marked for review; 0 for none.
  const position = new Map<number, number>();
  kpis.forEach((k, j) => position.set(k.partnerId, j));
  const ruleIndex = new Map<string | null, number>(RISK_RULE_CODES.map((c, i) => [c, i]));
  const open = new Float64Array(kpis.length * 8);
  for (const [id, partnerId, rule, reviewRequested] of riskSignalStore.openAutoRisks(ws)) {
    const i = ruleIndex.get(rule);
    const j = position.get(partnerId);
    if (i === undefined || j === undefined || open[j * 8 + i] !== 0) continue;
    open[j * 8 + i] = reviewRequested ? -id : id;
  }
  const enabled = RISK_RULE_CODES.map((c) => rules[c].enabled);

  const todo: Todo[] = [];
  const reread: number[] = [];
  decide(kpis, skip, open, enabled, rules, todo, reread);
  if (todo.length === 0) return out;

  // Pass 2: the words of the risks that may change, then each change with its words and history entry.
  const words = new Map<number, OpenRiskWords>();
  if (reread.length) for (const w of riskSignalStore.riskWords(ws, JSON.stringify(reread))) words.set(w[0], w);
  // Arrays indexed by partner id (ids are small dense integers): the code (a new risk's title names it) and the
  // channel manager, who owns a new auto-risk (the person who will act on it; null where the partner has none).
  const p: Pass2 = { period: period.label, runId, rules, code: [], owner: [], creates: [], updates: [], history: [], raised: [], out };
  for (const [id, c, o] of riskSignalStore.partnersOf(ws, JSON.stringify(todo.map((t) => t.k.partnerId)))) {
    p.code[id] = c;
    p.owner[id] = o;
  }
  word(p, todo, words);
  const { creates, updates, history, raised } = p;
  if (history.length === 0) return out;

  const iso = at.toISOString();
  const created = riskSignalStore.insertRisks(ws, creates, iso, reviewOn);
  riskSignalStore.updateRisks(ws, updates, iso);
  raised.forEach((index, i) => (history[index][0] = created[i]));
  riskSignalStore.insertHistory(ws, history, iso, user);
  return out;
}

/** A (partner, rule) pair that raises, raises again or clears, with the open risk it concerns (0 for a new one). */
interface Todo {
  what: number;
  k: PartnerKpis;
  rule: number;
  riskId: number;
}

/**
 * Pass 1: every (partner, rule) pair decided from its KPI and the open risk's review flag alone. Most pairs have
 * nothing to raise or clear; the rest are noted in visiting order, the order their history rows keep. Each pass is a
 * function of its own, as is each kind of change below: small functions the engine compiles quickly and keeps (one
 * function with both loops and the wording inlined was compiled for hundreds of ms in a process's first runs, and the
 * compilation thrown away when a new object shape turned up).
 */
function decide(kpis: PartnerKpis[], skip: Set<number>, open: Float64Array, enabled: boolean[], rules: RiskRules, todo: Todo[], reread: number[]): void {
  for (let j = 0; j < kpis.length; j++) {
    const k = kpis[j];
    if (skip.has(k.partnerId)) continue;
    for (let i = 0; i < RISK_RULE_CODES.length; i++) {
      if (!enabled[i]) continue;
      const holds = ruleHolds(RISK_RULE_CODES[i], k, rules);
      if (holds === null) continue;
      const existing = open[j * 8 + i];
      if (holds) {
        if (existing === 0) todo.push({ what: RAISE, k, rule: i, riskId: 0 });
        else {
          todo.push({ what: RAISE_AGAIN, k, rule: i, riskId: Math.abs(existing) });
          reread.push(Math.abs(existing));
        }
      } else if (existing > 0) {
        todo.push({ what: CLEAR, k, rule: i, riskId: existing });
        reread.push(existing);
      }
    }
  }
}

/** Pass 2's inputs and what it builds: the rows to write and, per change, its history entry in visiting order. */
interface Pass2 {
  period: string;
  runId: number;
  rules: RiskRules;
  code: string[];
  owner: Array<string | null>;
  creates: NewAutoRisk[];
  updates: ChangedAutoRisk[];
  /** [risk id, changes JSON] (a new risk's id once it is written: `raised` holds its history index). */
  history: Array<[id: number, changes: string]>;
  raised: number[];
  out: RiskSignalOutcome;
}

/** Pass 2: each pair's change with its words and history entry. */
function word(p: Pass2, todo: Todo[], words: Map<number, OpenRiskWords>): void {
  for (const { what, k, rule, riskId } of todo) {
    if (what === RAISE) raise(p, k, rule);
    else if (what === RAISE_AGAIN) raiseAgain(p, k, rule, words.get(riskId)!);
    else clear(p, k, rule, words.get(riskId)!);
  }
}

/** A new auto-risk for a pair whose rule holds and has no open risk. */
function raise(p: Pass2, k: PartnerKpis, i: number): void {
  const rule = RISK_RULE_CODES[i];
  const textCode = TEXT_CODES[i];
  const params: RiskTextParams = { partner: p.code[k.partnerId], lines: [{ kind: 'raised', period: p.period, measure: ruleMeasure(rule, k, p.rules) }] };
  const text = storedRiskText(textCode, params);
  p.creates.push([autoRiskCode(p.runId, k.partnerId, rule), text.title, text.description, RULE_CATEGORY[rule], k.partnerId, rule, p.owner[k.partnerId] ?? null, textCode, JSON.stringify(params)]);
  p.raised.push(p.history.length);
  p.history.push([0, CREATED]);
  p.out.created++;
}

/** The open auto-risk of a pair whose rule still holds: its words follow the latest measure (a person's words stay). */
function raiseAgain(p: Pass2, k: PartnerKpis, i: number, w: OpenRiskWords): void {
  const stored = w[4] === null ? null : (JSON.parse(w[4]) as RiskTextParams);
  const params: RiskTextParams = { partner: stored?.partner ?? p.code[k.partnerId], lines: [{ kind: 'raised', period: p.period, measure: ruleMeasure(RISK_RULE_CODES[i], k, p.rules) }] };
  // A person's words (no text code) stay; the evaluation keeps its own words current.
  const same = !w[3] || JSON.stringify(stored) === JSON.stringify(params);
  if ((!same || w[5]) && change(p, w, w[3] ? params : stored, false)) p.out.updated++;
}

/** The open auto-risk of a pair whose rule no longer holds: a cleared line, marked for review. */
function clear(p: Pass2, k: PartnerKpis, i: number, w: OpenRiskWords): void {
  const stored = w[4] === null ? null : (JSON.parse(w[4]) as RiskTextParams);
  const cleared: RiskTextLine = { kind: 'cleared', period: p.period, measure: ruleMeasure(RISK_RULE_CODES[i], k, p.rules), closed: false };
  const lines = [...(stored?.lines ?? []), cleared].slice(-MAX_RISK_TEXT_LINES);
  // Parameters of just a partner and lines (the evaluation's own) get the shape a raised risk's have — the same fields
  // in the same order, so the same JSON — and the wording's compiled code sees one shape, not a copy of each parsed one.
  const params: RiskTextParams = stored !== null && isPartnerAndLines(stored) ? { partner: stored.partner, lines } : { ...stored, lines };
  if (change(p, w, w[3] ? params : stored, true)) p.out.reviewRequested++;
}

function isPartnerAndLines(params: RiskTextParams): boolean {
  let n = 0;
  for (const key in params) if (!((n === 0 && key === 'partner') || (n === 1 && key === 'lines')) || ++n > 2) return false;
  return n === 2;
}

/**
 * An open risk's words and review flag changed: the register's diff over those fields alone, in the row's field
 * order (text parameters are never diffed), and the update and history entry when anything changed.
 */
function change(p: Pass2, w: OpenRiskWords, params: RiskTextParams | null, reviewRequested: boolean): boolean {
  const [id, title, description, textCode, , wasReview] = w;
  const next = textCode ? storedRiskText(textCode as `evaluation.${RiskRuleCode}`, params!) : { title, description };
  const changes: RiskChanges = {};
  if (next.title !== title) changes.title = { from: title, to: next.title };
  if ((next.description ?? null) !== (description ?? null)) changes.description = { from: description ?? null, to: next.description ?? null };
  if (Boolean(wasReview) !== reviewRequested) changes.reviewRequested = { from: Boolean(wasReview), to: reviewRequested };
  if (changes.title === undefined && changes.description === undefined && changes.reviewRequested === undefined) return false;
  p.updates.push([id, next.title, next.description, params ? JSON.stringify(params) : null, reviewRequested ? 1 : 0]);
  p.history.push([id, JSON.stringify(changes)]);
  return true;
}

const TEXT_CODES = RISK_RULE_CODES.map((rule) => `evaluation.${rule}` as const);
const CREATED = JSON.stringify({ created: true });
