import type { Workspace } from '../../../db/database';
import type { RiskCategory } from '../../../shared/enums';
import type { Period } from '../../../shared/period';
import type { ChannelMeasures, InventoryRules, StuffingSignal } from '../../model/inventory';
import type { OpContext } from '../opContext';
import { createRisk, updateRisk } from '../risks/riskRegister';
import { partnersEvaluatedLater } from '../risks/evaluatedLater';
import { channelMeasures } from './channelMeasures';
import { FLOOR_AT_LINE } from './store/measures';
import { inventoryRules } from './inventoryOverview';
import { stuffingSignals } from './stuffingSignal';
import { insideProvinces } from './territoryScope';

/** The channel auto-risks: one open risk per partner and rule (`risks.rule_code`). */
export const CHANNEL_RISK_RULES = ['inventory:stuffing', 'inventory:crossTerritory', 'inventory:belowFloor'] as const;
export type ChannelRiskRule = (typeof CHANNEL_RISK_RULES)[number];

const RULE: Record<ChannelRiskRule, { category: RiskCategory; zh: string; en: string; suffix: string }> = {
  'inventory:stuffing': { category: 'inventory', zh: '压货', en: 'Channel stuffing', suffix: 'S' },
  'inventory:crossTerritory': { category: 'channel_conflict', zh: '窜货', en: 'Cross-territory selling', suffix: 'X' },
  'inventory:belowFloor': { category: 'price_conflict', zh: '乱价', en: 'Selling below the floor price', suffix: 'P' },
};

export interface ChannelRiskOutcome {
  created: number;
  updated: number;
  closed: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const yuan = (minor: number) => (minor / 100).toFixed(2);

interface Finding {
  /** true: raise or keep; false: cleared (close an open one); null: cannot be judged (leave it). */
  holds: boolean | null;
  detail: string;
  impact: number;
}

function stuffingFinding(s: StuffingSignal, rules: InventoryRules): Finding {
  const latest = s.periods[s.periods.length - 1];
  const judged = latest.daysOfInventory !== null || (latest.sellInGrowth !== null && latest.sellThroughGrowth !== null);
  const words = s.periods.map((p) => {
    const parts: string[] = [];
    if (p.sellInGrowth !== null && p.sellThroughGrowth !== null) parts.push(`sell-in ${pct(p.sellInGrowth)} vs sell-through ${pct(p.sellThroughGrowth)}`);
    if (p.daysOfInventory !== null) parts.push(`DOI ${p.daysOfInventory.toFixed(1)}`);
    return `${p.period}: ${parts.join(', ') || '—'}${p.gap || p.doi ? ' ✗' : ''}`;
  });
  const detail = `${words.join('; ')} (limits: ${rules.stuffingGapPoints} points, DOI ${rules.doiLimitDays} days)`;
  return { holds: s.signalled ? true : judged ? false : null, detail, impact: 3 };
}

function crossFinding(m: ChannelMeasures, rules: InventoryRules): Finding {
  if (m.crossTerritoryShare === null) return { holds: null, detail: '', impact: 3 };
  const detail = `${m.crossTerritoryLines} of ${m.locatedLines} located lines outside the territory (${pct(m.crossTerritoryShare)}, ¥${yuan(m.crossTerritoryAmountMinor)}; limit ${pct(rules.crossTerritoryShareLimit)})`;
  return { holds: m.crossTerritoryLines > 0 && m.crossTerritoryShare > rules.crossTerritoryShareLimit, detail, impact: m.crossTerritoryShare >= 0.2 ? 4 : 3 };
}

function priceFinding(m: ChannelMeasures, rules: InventoryRules): Finding {
  if (m.belowFloorShare === null) return { holds: null, detail: '', impact: 3 };
  const detail = `${m.belowFloorLines} of ${m.pricedLines} priced lines below the floor (${pct(m.belowFloorShare)}, ¥${yuan(m.belowFloorGapMinor)} under the floor; limit ${pct(rules.belowFloorShareLimit)})`;
  return { holds: m.belowFloorLines > 0 && m.belowFloorShare > rules.belowFloorShareLimit, detail, impact: m.belowFloorShare >= 0.2 ? 4 : 3 };
}

/** The sell-through lines that are the evidence of a finding, as a SELECT of line ids (named parameters p, start, end, scope). */
const EVIDENCE_SQL: Partial<Record<ChannelRiskRule, string>> = {
  'inventory:crossTerritory': `select id from sell_through_lines where partner_id = @p and date between @start and @end and quantity > 0
     and customer_territory_id is not null and customer_territory_id not in (select value from json_each(@scope))`,
  'inventory:belowFloor': `select s.id from sell_through_lines s where s.partner_id = @p and s.date between @start and @end and s.quantity > 0
     and s.amount_minor is not null and s.amount_minor < ${FLOOR_AT_LINE} * s.quantity`,
};

/** Partners among `ids` that report sell-through or stock: the only ones the channel rules can judge. */
function reportingPartners(ws: Workspace, ids: readonly number[], end: string): number[] {
  return ws.sqlite
    .prepare(
      `select value from json_each(?) j where exists (select 1 from sell_through_lines s where s.partner_id = j.value and s.date <= ?)
         or exists (select 1 from inventory_snapshots i where i.partner_id = j.value and i.date <= ?)`,
    )
    .pluck()
    .all(JSON.stringify(ids), end, end) as number[];
}

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
  const { ws, user } = ctx;
  const out: ChannelRiskOutcome = { created: 0, updated: 0, closed: 0 };
  const rules = inventoryRules(ws);
  if (!rules.autoRisks || partnerIds.length === 0) return out;
  const later = partnersEvaluatedLater(ws, period);
  const ids = reportingPartners(ws, partnerIds, period.end).filter((id) => !later.has(id));
  if (ids.length === 0) return out;
  const measures = opts.measures ?? channelMeasures(ws, period, ids);
  const stuffing = stuffingSignals(ws, period, ids, rules, opts.fsm, measures);
  const scope = insideProvinces(ws, ids);

  const open = new Map<string, { id: number; description: string | null; owner: string | null }>();
  for (const r of ws.sqlite
    .prepare(
      `select id, partner_id as p, rule_code as rule, description, owner from risks
       where partner_id in (select value from json_each(?)) and source = 'evaluation' and rule_code like 'inventory:%' and status <> 'closed' order by id desc`,
    )
    .all(JSON.stringify(ids)) as Array<{ id: number; p: number; rule: string; description: string | null; owner: string | null }>) {
    const key = `${r.p}|${r.rule}`;
    if (!open.has(key)) open.set(key, r);
  }
  const partner = ws.sqlite.prepare(
    'select p.code, cm.name as manager from partners p left join channel_managers cm on cm.id = p.channel_manager_id where p.id = ?',
  );
  const evidence = Object.fromEntries(
    Object.entries(EVIDENCE_SQL).map(([rule, select]) => [
      rule,
      {
        unlink: ws.sqlite.prepare(`delete from risk_evidence where risk_id = @risk and line_id not in (${select})`),
        link: ws.sqlite.prepare(`insert or ignore into risk_evidence (risk_id, line_id) select @risk, id from (${select})`),
      },
    ]),
  ) as Partial<Record<ChannelRiskRule, { unlink: ReturnType<Workspace['sqlite']['prepare']>; link: ReturnType<Workspace['sqlite']['prepare']> }>>;

  for (const id of ids) {
    const m = measures.get(id)!;
    const findings: Record<ChannelRiskRule, Finding> = {
      'inventory:stuffing': stuffingFinding(stuffing.get(id)!, rules),
      'inventory:crossTerritory': crossFinding(m, rules),
      'inventory:belowFloor': priceFinding(m, rules),
    };
    const info = partner.get(id) as { code: string; manager: string | null };
    for (const rule of CHANNEL_RISK_RULES) {
      const f = findings[rule];
      if (f.holds === null) continue;
      const existing = open.get(`${id}|${rule}`);
      const text = RULE[rule];
      let riskId: number | null = null;
      if (f.holds) {
        const description = `${period.label}: ${f.detail}. 评估自动生成 / raised by the evaluation of ${period.label}.`;
        if (existing) {
          riskId = existing.id;
          const patch: { description?: string; owner?: string } = {};
          if (existing.description !== description) patch.description = description;
          if (!existing.owner && info.manager) patch.owner = info.manager;
          if (Object.keys(patch).length) {
            updateRisk(ws, existing.id, { ...patch, reviewRequested: false }, user, { at: opts.at });
            out.updated++;
          }
        } else {
          riskId = createRisk(
            ws,
            {
              code: `CH-${opts.runId}-${id}-${text.suffix}`,
              title: `${text.zh}：${info.code} / ${text.en}: ${info.code}`.slice(0, 200),
              description,
              category: text.category,
              partnerId: id,
              likelihood: 4,
              impact: f.impact,
              owner: info.manager,
              status: 'open',
              source: 'evaluation',
              ruleCode: rule,
            },
            user,
            { at: opts.at },
          ).id;
          out.created++;
        }
        const ev = evidence[rule];
        if (ev) {
          const params = { risk: riskId, p: id, start: period.start, end: period.end, scope: JSON.stringify([...(scope.get(id) ?? [])]) };
          const removed = ev.unlink.run(params).changes;
          const added = ev.link.run(params).changes;
          if (existing && (removed || added) && existing.description === description) out.updated++;
        }
      } else if (existing) {
        const note = `${period.label}: cleared — ${f.detail}. 条件已解除，自动关闭 / condition cleared, closed by the evaluation.`;
        updateRisk(ws, existing.id, { status: 'closed', description: `${existing.description ?? ''}\n${note}`.slice(0, 4000) }, user, { at: opts.at });
        out.closed++;
      }
    }
  }
  return out;
}
