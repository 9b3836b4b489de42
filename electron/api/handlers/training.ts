import { outputPath } from '../../domain/exports/outputPath';
import type { trainingContract } from '../../contract/training';
import { complianceReport } from '../../domain/training/compliance';
import { complianceMatrix } from '../../domain/training/complianceMatrix';
import { deleteCourse, listCourses, saveCourse } from '../../domain/training/courseCatalogue';
import { expiringCertificates, exportExpiring } from '../../domain/training/expiringCertificates';
import { deleteRecord, listRecords, saveRecord } from '../../domain/training/trainingRecords';
import type { HandlerMap } from './types';

export const trainingHandlers: HandlerMap<keyof typeof trainingContract> = {
  'training.courses.list': ({ ws }, input) => listCourses(ws, { includeInactive: input.includeInactive ?? true }),
  'training.courses.save': (ctx, input) => {
    const { before, after, recomputed } = saveCourse(ctx, input);
    ctx.audit({ entity: 'training_course', entityId: after.id, before, after: { ...after, recomputedRecords: recomputed } });
    return { course: after, recomputed };
  },
  'training.courses.delete': ({ ws, audit }, { id }) => {
    const { before } = deleteCourse(ws, id);
    audit({ entity: 'training_course', entityId: id, before, after: null });
    return { id };
  },
  'training.records.list': ({ ws, today }, { asOf, ...filter }) => listRecords(ws, filter, asOf ?? today()),
  'training.records.save': (ctx, input) => {
    const { before, after } = saveRecord(ctx, input);
    ctx.audit({ entity: 'training_record', entityId: after.id, before, after });
    return after;
  },
  'training.records.delete': ({ ws, audit }, { id }) => {
    const { before } = deleteRecord(ws, id);
    audit({ entity: 'training_record', entityId: id, before, after: null });
    return { id };
  },
  'training.compliance': ({ ws, today }, input) => complianceReport(ws, input.asOf ?? today(), input.partnerIds),
  'training.matrix': ({ ws, today }, input) => complianceMatrix(ws, { ...input, asOf: input.asOf ?? today() }),
  'training.expiring': ({ ws, today }, input) => {
    const asOf = input.asOf ?? today();
    return { asOf, days: input.days, rows: expiringCertificates(ws, asOf, input.days, input.channelManagerIds) };
  },
  'training.exportExpiring': async ({ ws, progress, today }, input) => {
    const asOf = input.asOf ?? today();
    progress('query', 0, null);
    const rows = expiringCertificates(ws, asOf, input.days, input.channelManagerIds);
    progress('write', 0, rows.length);
    const r = await exportExpiring(rows, { out: outputPath(input.out, input.onExists), format: input.format, lang: input.lang ?? 'zh-CN', asOf, days: input.days });
    progress('write', rows.length, rows.length);
    return r;
  },
};
