import type { plansContract } from '../../contract/plans';
import * as plans from '../../domain/plans/plans';
import { exportPlanXlsx, importPlanXlsx } from '../../domain/plans/planWorkbook';
import type { HandlerMap } from './types';

export const planHandlers: HandlerMap<keyof typeof plansContract> = {
  'plans.list': ({ ws }) => plans.listPlans(ws),
  'plans.show': ({ ws }, input) => plans.showPlan(ws, input),
  'plans.create': ({ ws, user, audit }, input) => {
    const after = plans.createPlan(ws, input, user);
    audit({ entity: 'target_plan', entityId: after.code, after: { code: after.code, metric: after.metric, period: after.period, scope: after.scope, totalMinor: after.totalMinor, rules: after.rules } });
    return after;
  },
  'plans.update': ({ ws, audit }, input) => {
    const { before, after } = plans.updatePlan(ws, input);
    audit({ entity: 'target_plan', entityId: after.code, before: { totalMinor: before.totalMinor, rules: before.rules, name: before.name }, after: { totalMinor: after.totalMinor, rules: after.rules, name: after.name } });
    return after;
  },
  'plans.lock': ({ ws, audit }, input) => {
    const after = plans.lockNode(ws, input);
    audit({ entity: 'target_plan', entityId: after.code, after: { node: input.node, lockedMinor: input.amountMinor } });
    return after;
  },
  'plans.publish': ({ ws, user, audit }, { code }) => {
    const r = plans.publishPlan(ws, code, user);
    audit({ entity: 'target_plan', entityId: r.code, after: r });
    return r;
  },
  'plans.exportXlsx': async ({ ws, progress }, input) => {
    progress('write', 0, null);
    return exportPlanXlsx(ws, input.code, input.out, input.lang, input.onExists);
  },
  'plans.importXlsx': async (ctx, input) => {
    ctx.progress('import', 0, null);
    return importPlanXlsx(ctx, input.code, input.path);
  },
};
