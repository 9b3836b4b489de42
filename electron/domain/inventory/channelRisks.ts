import type { RiskCategory } from '../../../shared/enums';
import { parsePeriod, type Period } from '../../../shared/period';
import type { ChannelMeasures, InventoryRules, StuffingSignal } from '../../model/inventory';
import { changeContextAt, type OpContext } from '../opContext';
import { createRisk, updateRisk } from '../risks/riskRegister';
import { autoRiskReviewOn } from '../evaluations/riskSignals';
import { MAX_RISK_TEXT_LINES, storedRiskText, type RiskMeasure, type RiskTextCode, type RiskTextParams, type UndoneData } from '../../../shared/riskTexts';
import { partnersEvaluatedLater } from '../risks/evaluatedLater';
import { channelMeasures } from './channelMeasures';
import { channelRiskStore, type EvidenceLinks, type OpenChannelRiskRow, type StuffingInputTable } from './store/channelRisks';
import { fiscalStartMonth } from '../incentives/calculate';
import { inventoryRules } from './inventoryOverview';
import { stuffingSignals } from './stuffingSignal';
import { insideProvinces } from './territoryScope';

/** The channel auto-risks: one open risk per partner and rule (`risks.rule_code`). */
export const CHANNEL_RISK_RULES = ['inventory:stuffing', 'inventory:crossTerritory', 'inventory:belowFloor'] as const;
export type ChannelRiskRule = (typeof CHANNEL_RISK_RULES)[number];

const RULE: Record<ChannelRiskRule, { category: RiskCategory; text: RiskTextCode; suffix: string }> = {
  'inventory:stuffing': { category: 'inventory', text: 'inventory.stuffing', suffix: 'S' },
  'inventory:crossTerritory': { category: 'channel_conflict', text: 'inventory.crossTerritory', suffix: 'X' },
  'inventory:belowFloor': { category: 'price_conflict', text: 'inventory.belowFloor', suffix: 'P' },
};

export interface ChannelRiskOutcome {
  created: number;
  updated: number;
  closed: number;
}

interface Finding {
  /** true: raise or keep; false: cleared (close an open one); null: cannot be judged (leave it). */
  holds: boolean | null;
  measure: RiskMeasure | null;
  impact: number;
}

function stuffingFinding(s: StuffingSignal, rules: InventoryRules): Finding {
  const latest = s.periods[s.periods.length - 1];
  const judged = latest.daysOfInventory !== null || (latest.sellInGrowth !== null && latest.sellThroughGrowth !== null);
  const periods = s.periods.map((p) => ({
    period: p.period,
    sellIn: p.sellInGrowth !== null && p.sellThroughGrowth !== null ? p.sellInGrowth : null,
    sellThrough: p.sellInGrowth !== null && p.sellThroughGrowth !== null ? p.sellThroughGrowth : null,
    doi: p.daysOfInventory,
    flagged: Boolean(p.gap || p.doi),
  }));
  const measure: RiskMeasure = { rule: 'stuffing', periods, gapPoints: rules.stuffingGapPoints, doiLimit: rules.doiLimitDays };
  return { holds: s.signalled ? true : judged ? false : null, measure, impact: 3 };
}

/**
 * A share finding (窜货, 乱价): raised when there are such lines and their share is above the limit; a share of 20 % or
 * more weighs 4. The measure keeps its fields in the order stored risk texts were written in (a re-run compares them).
 */
function shareFinding(
  rule: 'crossTerritory' | 'belowFloor',
  lines: number,
  [baseKey, base]: ['located' | 'priced', number],
  share: number | null,
  [moneyKey, money]: ['amountMinor' | 'gapMinor', number],
  limit: number,
): Finding {
  if (share === null) return { holds: null, measure: null, impact: 3 };
  const measure = { rule, lines, [baseKey]: base, share, [moneyKey]: money, limit } as RiskMeasure;
  return { holds: lines > 0 && share > limit, measure, impact: share >= 0.2 ? 4 : 3 };
}

const crossFinding = (m: ChannelMeasures, rules: InventoryRules): Finding =>
  shareFinding('crossTerritory', m.crossTerritoryLines, ['located', m.locatedLines], m.crossTerritoryShare, ['amountMinor', m.crossTerritoryAmountMinor], rules.crossTerritoryShareLimit);

const priceFinding = (m: ChannelMeasures, rules: InventoryRules): Finding =>
  shareFinding('belowFloor', m.belowFloorLines, ['priced', m.pricedLines], m.belowFloorShare, ['gapMinor', m.belowFloorGapMinor], rules.belowFloorShareLimit);

/**
 * Turns one evaluated period's channel findings into auto-risks (README "Channel auto-risks"): stuffing (the signal of
 * two consecutive periods) → inventory risk, 窜货 → channel-conflict risk, 乱价 → price-conflict risk, owned by the
 * partner's channel manager, with the sell-through lines behind a 窜货/乱价 finding linked (`risk_evidence`). At most one
 * open risk per partner and rule: raised when the finding holds, updated while it keeps holding (description and
 * evidence by difference — lines no longer found are unlinked, new ones linked), closed when it clears; left alone when
 * the period cannot judge it (no located or priced lines, no stock or sell-through). A partner already evaluated for a
 * later period of the same kind is left alone, as the other evaluation risk rules do. Runs in the caller's transaction.
 */
export function applyChannelRisks(
  ctx: OpContext,
  period: Period,
  partnerIds: readonly number[],
  opts: { at: Date; runId: number; fsm: number; measures?: Map<number, ChannelMeasures> },
): ChannelRiskOutcome {
  const { ws } = ctx;
  // Every risk this pass raises, rewords or closes is stamped with the run's instant.
  const change = changeContextAt(ws, ctx.user, opts.at);
  // A first review date like every auto-risk's: the run's day plus the setting's days.
  const reviewOn = autoRiskReviewOn(ws, ctx.clock.today(opts.at));
  const out: ChannelRiskOutcome = { created: 0, updated: 0, closed: 0 };
  const rules = inventoryRules(ws);
  if (!rules.autoRisks || partnerIds.length === 0) return out;
  const later = partnersEvaluatedLater(ws, period);
  const ids = channelRiskStore.reportingPartners(ws, partnerIds, period.end).filter((id) => !later.has(id));
  if (ids.length === 0) return out;
  const measures = opts.measures ?? channelMeasures(ws, period, ids);
  const stuffing = stuffingSignals(ws, period, ids, rules, opts.fsm, measures);
  const scope = insideProvinces(ws, ids);

  interface OpenRisk {
    id: number;
    owner: string | null;
    textCode: string | null;
    textParams: RiskTextParams | null;
  }
  const open = new Map<string, OpenRisk>();
  for (const r of channelRiskStore.openRisks(ws, ids)) {
    const key = `${r.p}|${r.rule}`;
    if (!open.has(key)) open.set(key, { ...r, textParams: r.textParams ? (JSON.parse(r.textParams) as RiskTextParams) : null });
  }
  const partner = channelRiskStore.partnerManager(ws);
  const evidence: Partial<Record<ChannelRiskRule, EvidenceLinks>> = channelRiskStore.evidenceLinks(ws);

  for (const id of ids) {
    const m = measures.get(id)!;
    const findings: Record<ChannelRiskRule, Finding> = {
      'inventory:stuffing': stuffingFinding(stuffing.get(id)!, rules),
      'inventory:crossTerritory': crossFinding(m, rules),
      'inventory:belowFloor': priceFinding(m, rules),
    };
    const info = partner(id)!;
    for (const rule of CHANNEL_RISK_RULES) {
      const f = findings[rule];
      if (f.holds === null) continue;
      const existing = open.get(`${id}|${rule}`);
      const text = RULE[rule];
      let riskId: number | null = null;
      if (f.holds) {
        const params: RiskTextParams = { partner: existing?.textParams?.partner ?? info.code, lines: [{ kind: 'raised', period: period.label, measure: f.measure! }] };
        if (existing) {
          riskId = existing.id;
          // A person's words (no text code) stay; the evaluation keeps its own words current.
          const reworded = existing.textCode !== null && JSON.stringify(existing.textParams) !== JSON.stringify(params);
          const owner = !existing.owner && info.manager ? { owner: info.manager } : {};
          if (reworded || 'owner' in owner) {
            updateRisk(change, existing.id, { ...owner, reviewRequested: false }, reworded ? { text: { code: text.text, params } } : {});
            out.updated++;
          }
        } else {
          const words = storedRiskText(text.text, params);
          riskId = createRisk(
            change,
            {
              code: `CH-${opts.runId}-${id}-${text.suffix}`,
              title: words.title,
              description: words.description,
              category: text.category,
              partnerId: id,
              likelihood: 4,
              impact: f.impact,
              owner: info.manager,
              nextReviewOn: reviewOn,
              status: 'open',
              source: 'evaluation',
              ruleCode: rule,
            },
            { text: { code: text.text, params } },
          ).id;
          out.created++;
        }
        const ev = evidence[rule];
        if (ev) {
          const params = { risk: riskId, p: id, start: period.start, end: period.end, scope: JSON.stringify([...(scope.get(id) ?? [])]) };
          const removed = ev.unlink(params);
          const added = ev.link(params);
          if (existing && (removed || added) && (existing.textCode === null || JSON.stringify(existing.textParams) === JSON.stringify(params))) out.updated++;
        }
      } else if (existing) {
        const lines = [...(existing.textParams?.lines ?? []), { kind: 'cleared' as const, period: period.label, measure: f.measure!, closed: true }].slice(-MAX_RISK_TEXT_LINES);
        const params: RiskTextParams = { ...existing.textParams, lines };
        updateRisk(change, existing.id, { status: 'closed' }, existing.textCode ? { text: { code: text.text, params } } : {});
        out.closed++;
      }
    }
  }
  return out;
}

/** The open 窜货/乱价 auto-risks backed by evidence lines of this sell-through import: read before its undo deletes them. */
export function channelRisksBackedBy(ctx: OpContext, importId: number): OpenChannelRiskRow[] {
  return channelRiskStore.risksBackedByImport(ctx.ws, importId);
}

/**
 * After undoing a sell-through import took its lines away — and with them their evidence links — re-checks each open
 * 窜货/乱价 auto-risk they backed (README "Channel auto-risks"), for the period it was last raised in, with the lines
 * left: closed when the finding no longer holds or no evidence line is left, kept open otherwise; either way its
 * description gains a line naming the undone import and what the re-check found (a risk a person reworded keeps its
 * words; the status change is in its history). Runs in the undo's transaction, stamped with its clock.
 */
export function recheckChannelRisksAfterUndo(ctx: OpContext, importId: number, backed: readonly OpenChannelRiskRow[]): { closed: number[]; rechecked: number[] } {
  const { ws } = ctx;
  const out = { closed: [] as number[], rechecked: [] as number[] };
  if (!backed.length) return out;
  const rules = inventoryRules(ws);
  const fsm = fiscalStartMonth(ws);
  for (const r of backed) {
    const rule = r.rule as 'inventory:crossTerritory' | 'inventory:belowFloor';
    const params = r.textParams ? (JSON.parse(r.textParams) as RiskTextParams) : null;
    const label = params?.lines?.filter((l) => l.kind !== 'cleared').at(-1)?.period ?? null;
    let finding: Finding | null = null;
    if (label !== null) {
      const period = parsePeriod(label, fsm);
      const m = channelMeasures(ws, period, [r.p]).get(r.p)!;
      finding = rule === 'inventory:crossTerritory' ? crossFinding(m, rules) : priceFinding(m, rules);
    }
    const holds = (finding === null || finding.holds === true) && channelRiskStore.evidenceCount(ws, r.id) > 0;
    const text =
      r.textCode !== null && params && label !== null
        ? { text: { code: RULE[rule].text, params: { ...params, lines: [...(params.lines ?? []), { kind: 'undone' as const, period: label, importId, measure: finding?.measure ?? null, closed: !holds }].slice(-MAX_RISK_TEXT_LINES) } } }
        : {};
    updateRisk(ctx, r.id, holds ? {} : { status: 'closed' }, text);
    (holds ? out.rechecked : out.closed).push(r.id);
  }
  return out;
}

const STUFFING_INPUT: Record<UndoneData, StuffingInputTable> = { sales: 'sales_lines', 'sell-through': 'sell_through_lines', inventory: 'inventory_snapshots' };

/** An open stuffing risk an import's rows may have fed, with the earliest date of those rows (read before the undo). */
export type StuffingRiskTouched = OpenChannelRiskRow & { firstDate: string };

/**
 * The open channel-stuffing auto-risks whose signal may have read rows of this sales, sell-through or inventory import:
 * the partner's risks when the import holds rows of that partner. Read before its undo deletes them (or restores the
 * stock rows it corrected, which carry its id until then).
 */
export function stuffingRisksTouchedBy(ctx: OpContext, importId: number, kind: UndoneData): StuffingRiskTouched[] {
  return channelRiskStore.stuffingRisksTouchedByImport(ctx.ws, importId, STUFFING_INPUT[kind]);
}

/**
 * After undoing an import took sell-in lines, sell-through lines or stock reports away, re-checks each open stuffing
 * auto-risk of a partner that had rows in it (README "Channel auto-risks"), for the period it was last raised in, on the
 * data left — sell-in and sell-through growth over the period before and days of inventory, in that period and the one
 * before (the signal's two consecutive periods): closed when the signal no longer holds, kept open otherwise; either way
 * its description gains a line naming the undone import, what it held and the re-checked figures (a risk a person
 * reworded keeps its words; the status change is in its history). A risk whose period ended before the import's
 * earliest row of that partner is left alone (the signal read none of them), as is one without a period in its words.
 * Runs in the undo's transaction after the summaries are brought up to date, stamped with its clock.
 */
export function recheckStuffingRisksAfterUndo(
  ctx: OpContext,
  importId: number,
  kind: UndoneData,
  touched: readonly StuffingRiskTouched[],
): { closed: number[]; rechecked: number[] } {
  const { ws } = ctx;
  const out = { closed: [] as number[], rechecked: [] as number[] };
  if (!touched.length) return out;
  const rules = inventoryRules(ws);
  const fsm = fiscalStartMonth(ws);
  for (const r of touched) {
    const params = r.textParams ? (JSON.parse(r.textParams) as RiskTextParams) : null;
    const label = params?.lines?.filter((l) => l.kind !== 'cleared').at(-1)?.period ?? null;
    if (label === null) continue;
    const period = parsePeriod(label, fsm);
    if (r.firstDate > period.end) continue;
    const finding = stuffingFinding(stuffingSignals(ws, period, [r.p], rules, fsm).get(r.p)!, rules);
    const holds = finding.holds === true;
    const text =
      r.textCode !== null && params
        ? { text: { code: RULE['inventory:stuffing'].text, params: { ...params, lines: [...(params.lines ?? []), { kind: 'undone' as const, period: label, importId, measure: finding.measure, closed: !holds, data: kind }].slice(-MAX_RISK_TEXT_LINES) } } }
        : {};
    updateRisk(ctx, r.id, holds ? {} : { status: 'closed' }, text);
    (holds ? out.rechecked : out.closed).push(r.id);
  }
  return out;
}
