import type { Workspace } from '../../../../db/database';
import type { RiskCategory } from '../../../../shared/enums';
import { createRisk, updateRisk } from '../../../../electron/domain/risks/riskRegister';
import { changeContextAt } from '../../../../electron/domain/opContext';
import { RISK_RULE_CODES, type RiskRuleCode, type RiskRules } from '../../../../electron/domain/evaluations/evaluationSettings';
import type { PartnerKpis } from './kpis';
import { MAX_RISK_TEXT_LINES, storedRiskText, type RiskMeasure, type RiskTextParams } from '../../../../shared/riskTexts';

const RULE_CATEGORY: Record<RiskRuleCode, RiskCategory> = {
  revenue_drop: 'market',
  low_attainment: 'market',
  low_satisfaction: 'operational',
  expired_certifications: 'compliance',
  low_retention: 'market',
};

/** Whether a rule's condition holds for these KPIs: true / false, or null when it cannot be judged (KPI undefined). */
export function ruleCondition(code: RiskRuleCode, k: PartnerKpis, rules: RiskRules): { holds: boolean | null; measure: RiskMeasure | null } {
  const t = rules[code].threshold;
  switch (code) {
    case 'revenue_drop': {
      const g = k.growthYoY ?? k.growthPrev;
      return g === null ? { holds: null, measure: null } : { holds: g < -t, measure: { rule: code, growth: g, limit: t, yoy: k.growthYoY !== null } };
    }
    case 'low_attainment':
      return k.attainment === null ? { holds: null, measure: null } : { holds: k.attainment < t, measure: { rule: code, attainment: k.attainment, limit: t } };
    case 'low_satisfaction':
      return k.satisfaction === null ? { holds: null, measure: null } : { holds: k.satisfaction < t, measure: { rule: code, satisfaction: k.satisfaction, limit: t } };
    case 'expired_certifications':
      return { holds: k.expiredCertifications >= Math.max(1, t), measure: { rule: code, count: k.expiredCertifications, limit: Math.max(1, t) } };
    case 'low_retention':
      return k.retention === null ? { holds: null, measure: null } : { holds: k.retention < t, measure: { rule: code, retention: k.retention, limit: t } };
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
  const open = new Map<string, { id: number; textCode: string | null; textParams: RiskTextParams | null; reviewRequested: number }>();
  for (const r of ws.sqlite
    .prepare(
      `select id, partner_id as p, rule_code as rule, text_code as textCode, text_params as textParams, review_requested as reviewRequested from risks
       where partner_id in (select value from json_each(?)) and source = 'evaluation' and status <> 'closed' order by id desc`,
    )
    .all(ids) as Array<{ id: number; p: number; rule: string | null; textCode: string | null; textParams: string | null; reviewRequested: number }>) {
    const key = `${r.p}|${r.rule}`;
    if (!open.has(key)) open.set(key, { ...r, textParams: r.textParams ? (JSON.parse(r.textParams) as RiskTextParams) : null });
  }
  const codeOf = ws.sqlite.prepare('select code from partners where id = ?');
  const ownerOf = ws.sqlite.prepare('select m.name from partners p join channel_managers m on m.id = p.channel_manager_id where p.id = ?').pluck();
  for (const k of kpis) {
    if (later.has(k.partnerId) || resting.has(k.partnerId)) continue;
    for (const code of RISK_RULE_CODES) {
      if (!rules[code].enabled) continue;
      const { holds, measure } = ruleCondition(code, k, rules);
      if (holds === null || measure === null) continue;
      const existing = open.get(`${k.partnerId}|${code}`);
      const textCode = `evaluation.${code}` as const;
      const partnerCode = (codeOf.get(k.partnerId) as { code: string }).code;
      if (holds) {
        const params: RiskTextParams = { partner: existing?.textParams?.partner ?? partnerCode, lines: [{ kind: 'raised', period: period.label, measure }] };
        if (existing) {
          const reworded = existing.textCode !== null && JSON.stringify(existing.textParams) !== JSON.stringify(params);
          if (reworded || existing.reviewRequested) {
            updateRisk(changeContextAt(ws, user, at), existing.id, { reviewRequested: false }, reworded ? { text: { code: textCode, params } } : {});
            out.updated++;
          }
        } else {
          const words = storedRiskText(textCode, params);
          createRisk(
            changeContextAt(ws, user, at),
            {
              // An explicit code (run, partner, rule) instead of the register's next R-number: unique, and no scan per risk.
              code: `EV-${String(runId).padStart(4, '0')}-${String(k.partnerId).padStart(5, '0')}-${RISK_RULE_CODES.indexOf(code) + 1}`,
              owner: (ownerOf.get(k.partnerId) as string | undefined) ?? null,
              nextReviewOn: reviewOn,
              title: words.title,
              description: words.description,
              category: RULE_CATEGORY[code],
              partnerId: k.partnerId,
              likelihood: 3,
              impact: 3,
              status: 'open',
              source: 'evaluation',
              ruleCode: code,
            },
            { text: { code: textCode, params } },
          );
          out.created++;
        }
      } else if (existing && !existing.reviewRequested) {
        const params: RiskTextParams = { ...existing.textParams, lines: [...(existing.textParams?.lines ?? []), { kind: 'cleared' as const, period: period.label, measure, closed: false }].slice(-MAX_RISK_TEXT_LINES) };
        updateRisk(changeContextAt(ws, user, at), existing.id, { reviewRequested: true }, existing.textCode ? { text: { code: textCode, params } } : {});
        out.reviewRequested++;
      }
    }
  }
  return out;
}
