import type { evaluationsContract } from '../../contract/evaluations';
import { dashboardSummary } from '../../domain/evaluations/dashboard';
import { runEvaluation } from '../../domain/evaluations/evaluationRun';
import { DEFAULT_EVALUATION_RULES, readEvaluationRules, writeEvaluationRules } from '../../domain/evaluations/evaluationSettings';
import { runDue } from '../../domain/evaluations/scheduleRunner';
import { deleteSchedule, listSchedules, saveSchedule } from '../../domain/evaluations/schedules';
import { compareRuns, evaluatedPeriods, listRuns, listScorecards, partnerTrend } from '../../domain/evaluations/scorecardQueries';
import { decideTier } from '../../domain/evaluations/tierDecision';
import type { HandlerMap } from './types';

export const evaluationHandlers: HandlerMap<keyof typeof evaluationsContract> = {
  'evaluations.run': (ctx, input) => {
    const { period, trigger, ...filter } = input;
    const r = runEvaluation(ctx, { period, filter, trigger: trigger ?? 'manual' });
    return { runId: r.runId, period: r.period, version: r.version, partnerCount: r.partnerCount, inputsFingerprint: r.inputsFingerprint, risks: r.risks, population: r.population };
  },
  'evaluations.runs': ({ ws }, input) => listRuns(ws, input),
  'evaluations.scorecards.list': ({ ws }, input) => {
    const periods = evaluatedPeriods(ws).map((p) => ({ period: p.period, kind: p.kind }));
    const period = input.runId !== undefined ? null : (input.period ?? periods[0]?.period ?? null);
    if (input.runId === undefined && period === null) return { period: null, rows: [], periods };
    return { period, rows: listScorecards(ws, { ...input, period: period ?? undefined }), periods };
  },
  'evaluations.scorecards.compare': ({ ws }, { runId, otherRunId }) => compareRuns(ws, runId, otherRunId),
  'evaluations.scorecards.partnerTrend': ({ ws }, { partnerId, kind }) => partnerTrend(ws, partnerId, kind),
  'evaluations.tier.decide': (ctx, input) => {
    const r = decideTier(ctx, input);
    ctx.audit({ entity: 'partner', entityId: r.partnerId, before: { tier: r.partnerBefore.tier }, after: { tier: r.partnerAfter.tier, decision: r.decision, scorecardId: r.scorecardId, effectiveOn: r.effectiveOn } });
    return r;
  },
  'evaluations.settings.get': ({ ws }) => ({ settings: readEvaluationRules(ws.db), defaults: DEFAULT_EVALUATION_RULES }),
  'evaluations.settings.set': (ctx, input) => {
    const { before, after } = writeEvaluationRules(ctx, input);
    ctx.audit({ entity: 'setting', entityId: 'evaluation', before, after });
    return { settings: after };
  },
  'evaluations.schedules.list': ({ ws }) => listSchedules(ws),
  'evaluations.schedules.save': (ctx, input) => {
    const { before, after } = saveSchedule(ctx, input);
    ctx.audit({ entity: 'evaluation_schedule', entityId: after.id, before, after });
    return after;
  },
  'evaluations.schedules.delete': ({ ws, audit }, { id }) => {
    const { before } = deleteSchedule(ws, id);
    audit({ entity: 'evaluation_schedule', entityId: id, before, after: null });
    return { id };
  },
  'evaluations.schedules.runDue': (ctx, { asOf }) => runDue(ctx, asOf ? new Date(asOf) : new Date()),
  'evaluations.dashboard.summary': ({ ws }, input) => dashboardSummary(ws, input),
};
