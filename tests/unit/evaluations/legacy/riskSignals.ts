import type { Workspace } from '../../../../db/database';
import type { RiskCategory } from '../../../../shared/enums';
import { createRisk, updateRisk } from '../../../../electron/domain/risks/riskRegister';
import { RISK_RULE_CODES, type RiskRuleCode, type RiskRules } from '../../../../electron/domain/evaluations/evaluationSettings';
import type { PartnerKpis } from './kpis';

const RULE_TEXT: Record<RiskRuleCode, { zh: string; en: string; category: RiskCategory }> = {
  revenue_drop: { zh: '收入环比大幅下降', en: 'Revenue down sharply on the previous period', category: 'market' },
  low_attainment: { zh: '目标达成率偏低', en: 'Low target attainment', category: 'market' },
  low_satisfaction: { zh: '客户满意度偏低', en: 'Low customer satisfaction', category: 'operational' },
  expired_certifications: { zh: '必修认证已过期', en: 'Required certifications expired', category: 'compliance' },
  low_retention: { zh: '客户留存率偏低', en: 'Low customer retention', category: 'market' },
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Whether a rule's condition holds for these KPIs: true / false, or null when it cannot be judged (KPI undefined). */
export function ruleCondition(code: RiskRuleCode, k: PartnerKpis, rules: RiskRules): { holds: boolean | null; detail: string } {
  const t = rules[code].threshold;
  switch (code) {
    case 'revenue_drop': {
      // Year on year where last year had sales: channel sales are seasonal (Spring Festival, 618, Double 11), and every
      // first quarter "drops" on the fourth. Else on the previous period.
      const g = k.growthYoY ?? k.growthPrev;
      return g === null ? { holds: null, detail: '' } : { holds: g < -t, detail: `${k.growthYoY !== null ? 'growth YoY' : 'growth'} ${pct(g)} (limit −${pct(t)})` };
    }
    case 'low_attainment':
      return k.attainment === null ? { holds: null, detail: '' } : { holds: k.attainment < t, detail: `attainment ${pct(k.attainment)} (limit ${pct(t)})` };
    case 'low_satisfaction':
      return k.satisfaction === null ? { holds: null, detail: '' } : { holds: k.satisfaction < t, detail: `satisfaction ${k.satisfaction.toFixed(2)} (limit ${t})` };
    case 'expired_certifications':
      return { holds: k.expiredCertifications >= Math.max(1, t), detail: `${k.expiredCertifications} expired (limit ${Math.max(1, t)})` };
    case 'low_retention':
      return k.retention === null ? { holds: null, detail: '' } : { holds: k.retention < t, detail: `retention ${pct(k.retention)} (limit ${pct(t)})` };
  }
}

export interface RiskSignalOutcome {
  created: number;
  updated: number;
  reviewRequested: number;
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
  at = new Date(),
  runId = 0,
  reviewOn: string | null = null,
): RiskSignalOutcome {
  const out: RiskSignalOutcome = { created: 0, updated: 0, reviewRequested: 0 };
  // Two reads up front instead of one query per partner and one per partner and rule: the partners evaluated for a
  // later period of this kind, and the newest not-closed auto-risk per partner and rule.
  const ids = JSON.stringify(kpis.map((k) => k.partnerId));
  const later = new Set(
    ws.sqlite
      .prepare(
        `select distinct s.partner_id from evaluation_runs r join scorecards s on s.run_id = r.id
         where r.status = 'completed' and r.period_kind = ? and r.period > ?`,
      )
      .pluck()
      .all(period.kind, period.label) as number[],
  );
  // Partners not in business (suspended, terminated — not expected to sell) raise no signals and keep the ones they have.
  const resting = new Set(
    ws.sqlite.prepare("select id from partners where id in (select value from json_each(?)) and status not in ('active', 'probation')").pluck().all(ids) as number[],
  );
  const open = new Map<string, { id: number; description: string | null; reviewRequested: number }>();
  for (const r of ws.sqlite
    .prepare(
      `select id, partner_id as p, rule_code as rule, description, review_requested as reviewRequested from risks
       where partner_id in (select value from json_each(?)) and source = 'evaluation' and status <> 'closed' order by id desc`,
    )
    .all(ids) as Array<{ id: number; p: number; rule: string | null; description: string | null; reviewRequested: number }>) {
    const key = `${r.p}|${r.rule}`;
    if (!open.has(key)) open.set(key, r);
  }
  const codeOf = ws.sqlite.prepare('select code from partners where id = ?');
  const ownerOf = ws.sqlite.prepare('select m.name from partners p join channel_managers m on m.id = p.channel_manager_id where p.id = ?').pluck();
  for (const k of kpis) {
    if (later.has(k.partnerId) || resting.has(k.partnerId)) continue;
    for (const code of RISK_RULE_CODES) {
      if (!rules[code].enabled) continue;
      const { holds, detail } = ruleCondition(code, k, rules);
      if (holds === null) continue;
      const existing = open.get(`${k.partnerId}|${code}`);
      const text = RULE_TEXT[code];
      if (holds) {
        const description = `${period.label}: ${detail}. 评估自动生成 / raised by the evaluation of ${period.label}.`;
        if (existing) {
          if (existing.description !== description || existing.reviewRequested) {
            updateRisk(ws, existing.id, { description, reviewRequested: false }, user, { at });
            out.updated++;
          }
        } else {
          const partnerCode = (codeOf.get(k.partnerId) as { code: string }).code;
          createRisk(
            ws,
            {
              // An explicit code (run, partner, rule) instead of the register's next R-number: unique, and no scan per risk.
              code: `EV-${String(runId).padStart(4, '0')}-${String(k.partnerId).padStart(5, '0')}-${RISK_RULE_CODES.indexOf(code) + 1}`,
              owner: (ownerOf.get(k.partnerId) as string | undefined) ?? null,
              nextReviewOn: reviewOn,
              title: `${text.zh}：${partnerCode} / ${text.en}: ${partnerCode}`.slice(0, 200),
              description,
              category: text.category,
              partnerId: k.partnerId,
              likelihood: 3,
              impact: 3,
              status: 'open',
              source: 'evaluation',
              ruleCode: code,
            },
            user,
            { at },
          );
          out.created++;
        }
      } else if (existing && !existing.reviewRequested) {
        updateRisk(ws, existing.id, { reviewRequested: true, description: `${existing.description ?? ''}\n${period.label}: cleared (${detail}) — 条件已解除，请复核 / condition cleared, please review.`.slice(0, 4000) }, user, { at });
        out.reviewRequested++;
      }
    }
  }
  return out;
}
