import { outputPath } from '../../domain/exports/outputPath';
import type { incentivesContract } from '../../contract/incentives';
import { createInquiry, listInquiries, updateInquiry } from '../../domain/incentives/inquiries';
import { adjustRun, approveRun, calculateRun, getRun, listRuns, payRun, voidRun } from '../../domain/incentives/payoutRun';
import { deleteProgram, exportPrograms, getProgram, importPrograms, listPrograms, saveProgram } from '../../domain/incentives/programRepo';
import { listProgramTemplates, programFromTemplate } from '../../domain/incentives/programTemplates';
import { whatIf } from '../../domain/incentives/whatIf';
import type { HandlerMap } from './types';

export const incentiveHandlers: HandlerMap<keyof typeof incentivesContract> = {
  'incentives.programs.list': ({ ws }) => listPrograms(ws),
  'incentives.programs.get': ({ ws }, ref) => getProgram(ws, ref),
  'incentives.programs.save': (ctx, { definition }) => {
    const { before, after } = saveProgram(ctx, definition);
    ctx.audit({ entity: 'incentive_program', entityId: after.id, before, after });
    return after;
  },
  'incentives.programs.templates': (ctx) => listProgramTemplates(ctx),
  'incentives.programs.fromTemplate': (ctx, input) => programFromTemplate(ctx, input),
  'incentives.programs.delete': (ctx, { id }) => {
    const { before, deleted } = deleteProgram(ctx, id);
    ctx.audit({ entity: 'incentive_program', entityId: id, before, after: deleted ? null : { active: false } });
    return { id, deleted };
  },
  'incentives.programs.import': (ctx, input) => {
    const saved = importPrograms(ctx, input);
    for (const s of saved) ctx.audit({ entity: 'incentive_program', entityId: s.after.id, before: s.before, after: s.after });
    return { imported: saved.length, codes: saved.map((s) => s.after.code) };
  },
  'incentives.programs.export': ({ ws, audit }, { ids, out, onExists }) => {
    const r = exportPrograms(ws, ids, out && outputPath(out, onExists));
    audit({ entity: 'incentive_program', after: { exported: r.programs.map((p) => p.code), path: r.path } });
    return r;
  },
  'incentives.payouts.calculate': (ctx, input) =>
    calculateRun(ctx, input),
  'incentives.payouts.runs': ({ ws }, filter) => listRuns(ws, filter),
  'incentives.payouts.get': ({ ws }, { runId, channelManagerIds }) => getRun(ws, runId, channelManagerIds),
  'incentives.payouts.approve': (ctx, { runId }) => {
    const { before, after } = approveRun(ctx, runId);
    ctx.audit({ entity: 'payout_run', entityId: runId, before, after });
    return after;
  },
  'incentives.payouts.pay': (ctx, { runId, paymentRef, date }) => {
    const { before, after } = payRun(ctx, runId, paymentRef, date);
    ctx.audit({ entity: 'payout_run', entityId: runId, before, after });
    return after;
  },
  'incentives.payouts.void': (ctx, { runId, reason }) => {
    const { before, after } = voidRun(ctx, runId, reason);
    ctx.audit({ entity: 'payout_run', entityId: runId, before, after });
    return after;
  },
  'incentives.payouts.adjust': (ctx, { runId, ...input }) => {
    const { line, before, after } = adjustRun(ctx, runId, input);
    ctx.audit({ entity: 'payout_run', entityId: runId, before: { totalMinor: before.totalMinor }, after: { totalMinor: after.totalMinor, line } });
    return line;
  },
  'incentives.payouts.whatIf': ({ ws }, { runId, variant }) => whatIf(ws, runId, variant),
  'incentives.payouts.inquiries.list': ({ ws }, filter) => listInquiries(ws, filter),
  'incentives.payouts.inquiries.create': (ctx, { lineId, question }) => {
    const after = createInquiry(ctx, lineId, question);
    ctx.audit({ entity: 'payout_inquiry', entityId: after.id, after });
    return after;
  },
  'incentives.payouts.inquiries.update': (ctx, { id, ...change }) => {
    const { before, after } = updateInquiry(ctx, id, change);
    ctx.audit({ entity: 'payout_inquiry', entityId: id, before, after });
    return after;
  },
};
