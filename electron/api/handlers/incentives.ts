import { outputPath } from '../../domain/exports/outputPath';
import type { incentivesContract } from '../../contract/incentives';
import { createInquiry, listInquiries, updateInquiry } from '../../domain/incentives/inquiries';
import { adjustRun, approveRun, calculateRun, getRun, listRuns, payRun, voidRun } from '../../domain/incentives/payoutRun';
import { deleteProgram, exportPrograms, getProgram, importPrograms, listPrograms, saveProgram } from '../../domain/incentives/programRepo';
import { listProgramTemplates, programFromTemplate } from '../../domain/incentives/programTemplates';
import { whatIf } from '../../domain/incentives/whatIf';
import type { HandlerMap } from './types';

export const incentiveHandlers: HandlerMap<keyof typeof incentivesContract> = {
  'programs.list': ({ ws }) => listPrograms(ws),
  'programs.get': ({ ws }, ref) => getProgram(ws, ref),
  'programs.save': ({ ws, audit }, { definition }) => {
    const { before, after } = saveProgram(ws, definition);
    audit({ entity: 'incentive_program', entityId: after.id, before, after });
    return after;
  },
  'programs.templates': (ctx) => listProgramTemplates(ctx),
  'programs.fromTemplate': (ctx, input) => programFromTemplate(ctx, input),
  'programs.delete': ({ ws, audit }, { id }) => {
    const { before, deleted } = deleteProgram(ws, id);
    audit({ entity: 'incentive_program', entityId: id, before, after: deleted ? null : { active: false } });
    return { id, deleted };
  },
  'programs.import': ({ ws, audit }, input) => {
    const saved = importPrograms(ws, input);
    for (const s of saved) audit({ entity: 'incentive_program', entityId: s.after.id, before: s.before, after: s.after });
    return { imported: saved.length, codes: saved.map((s) => s.after.code) };
  },
  'programs.export': ({ ws, audit }, { ids, out, onExists }) => {
    const r = exportPrograms(ws, ids, out && outputPath(out, onExists));
    audit({ entity: 'incentive_program', after: { exported: r.programs.map((p) => p.code), path: r.path } });
    return r;
  },
  'payouts.calculate': (ctx, input) =>
    calculateRun(ctx, input),
  'payouts.runs': ({ ws }, filter) => listRuns(ws, filter),
  'payouts.get': ({ ws }, { runId, channelManagerIds }) => getRun(ws, runId, channelManagerIds),
  'payouts.approve': (ctx, { runId }) => {
    const { before, after } = approveRun(ctx, runId);
    ctx.audit({ entity: 'payout_run', entityId: runId, before, after });
    return after;
  },
  'payouts.pay': (ctx, { runId, paymentRef, date }) => {
    const { before, after } = payRun(ctx, runId, paymentRef, date);
    ctx.audit({ entity: 'payout_run', entityId: runId, before, after });
    return after;
  },
  'payouts.void': (ctx, { runId, reason }) => {
    const { before, after } = voidRun(ctx, runId, reason);
    ctx.audit({ entity: 'payout_run', entityId: runId, before, after });
    return after;
  },
  'payouts.adjust': ({ ws, audit }, { runId, ...input }) => {
    const { line, before, after } = adjustRun(ws, runId, input);
    audit({ entity: 'payout_run', entityId: runId, before: { totalMinor: before.totalMinor }, after: { totalMinor: after.totalMinor, line } });
    return line;
  },
  'payouts.whatIf': ({ ws }, { runId, variant }) => whatIf(ws, runId, variant),
  'payouts.inquiries.list': ({ ws }, filter) => listInquiries(ws, filter),
  'payouts.inquiries.create': ({ ws, audit }, { lineId, question }) => {
    const after = createInquiry(ws, lineId, question);
    audit({ entity: 'payout_inquiry', entityId: after.id, after });
    return after;
  },
  'payouts.inquiries.update': ({ ws, audit }, { id, ...change }) => {
    const { before, after } = updateInquiry(ws, id, change);
    audit({ entity: 'payout_inquiry', entityId: id, before, after });
    return after;
  },
};
