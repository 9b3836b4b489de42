import type { plansContract } from '../../contract/plans';
import * as plans from '../../domain/plans/plans';
import { exportPlanXlsx, importPlanXlsx } from '../../domain/plans/planWorkbook';
import type { HandlerMap } from './types';

export const planHandlers: HandlerMap<keyof typeof plansContract> = {
  'plans.list': (ctx) => plans.listPlans(ctx),
  'plans.show': (ctx, input) => plans.showPlan(ctx, input),
  'plans.create': (ctx, input) => {
    const after = plans.createPlan(ctx, input);
    ctx.audit({ entity: 'target_plan', entityId: after.code, after: { code: after.code, metric: after.metric, period: after.period, scope: after.scope, totalMinor: after.totalMinor, rules: after.rules } });
    return after;
  },
  'plans.update': (ctx, input) => {
    const { before, after } = plans.updatePlan(ctx, input);
    ctx.audit({ entity: 'target_plan', entityId: after.code, before: { totalMinor: before.totalMinor, rules: before.rules, name: before.name }, after: { totalMinor: after.totalMinor, rules: after.rules, name: after.name } });
    return after;
  },
  'plans.lock': (ctx, input) => {
    const after = plans.lockNode(ctx, input);
    ctx.audit({ entity: 'target_plan', entityId: after.code, after: { node: input.node, lockedMinor: input.amountMinor } });
    return after;
  },
  'plans.publish': (ctx, { code }) => {
    const r = plans.publishPlan(ctx, code);
    ctx.audit({ entity: 'target_plan', entityId: r.code, after: r });
    return r;
  },
  'plans.exportXlsx': async (ctx, input) => {
    ctx.progress('write', 0, null);
    return exportPlanXlsx(ctx, input.code, input.out, input.lang, input.onExists);
  },
  'plans.importXlsx': async (ctx, input) => {
    ctx.progress('import', 0, null);
    return importPlanXlsx(ctx, input.code, input.path);
  },
};
