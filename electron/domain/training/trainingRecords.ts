import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import { DomainError } from '../../../shared/errors';
import { type Course } from '../../model/training';
import { getCourse } from './courseCatalogue';
import { computeExpiry, isIsoDate } from '../../model/trainingExpiry';
import type { RecordState, TrainingRecord, TrainingRecordRow } from '../../model/training';
import { recordStore, type RecordRow, type RecordSql, type RecordValues } from './store';
import { notFound } from '../../../shared/errorMessages';

/** A record as saved: its columns (the drizzle schema's); no id = a new record; `passed` omitted: derived from score ≥ the course's passing score. */
export type RecordInput = Pick<RecordRow, 'partnerId' | 'courseId' | 'trainee' | 'completedOn'> & Partial<Pick<RecordRow, 'id' | 'score' | 'certificateNo' | 'passed'>>;

export interface RecordFilter {
  partnerId?: number;
  courseId?: number;
  search?: string;
  from?: string;
  to?: string;
  passed?: boolean;
  /** "Mine": the partners these channel managers own now. */
  channelManagerIds?: number[];
  limit?: number;
  offset?: number;
}

/** Certificate state of one record at a day. */
export function recordState(r: Pick<TrainingRecord, 'passed' | 'expiresOn'>, asOf: string): RecordState {
  if (!r.passed) return 'failed';
  return r.expiresOn === null || r.expiresOn >= asOf ? 'valid' : 'expired';
}

const toRecord = (r: RecordSql): TrainingRecord => ({ ...r, passed: r.passed === 1 });

/** The records grid: each record with its certificate's state at `asOf`. */
export function listRecords(ws: Workspace, f: RecordFilter, asOf: string): { rows: TrainingRecordRow[]; total: number } {
  const conds: string[] = ['p.deleted_at is null'];
  const params: Record<string, unknown> = {};
  const add = (cond: string, name: string, value: unknown) => {
    conds.push(cond);
    params[name] = value;
  };
  if (f.partnerId !== undefined) add('r.partner_id = @partnerId', 'partnerId', f.partnerId);
  if (f.courseId !== undefined) add('r.course_id = @courseId', 'courseId', f.courseId);
  if (f.from) add('r.completed_on >= @from', 'from', f.from);
  if (f.to) add('r.completed_on <= @to', 'to', f.to);
  if (f.passed !== undefined) add('r.passed = @passed', 'passed', f.passed ? 1 : 0);
  // "Mine": the partners these channel managers own now (none at all when the list is empty).
  if (f.channelManagerIds) add('p.channel_manager_id in (select value from json_each(@managers))', 'managers', JSON.stringify(f.channelManagerIds));
  if (f.search) {
    conds.push(
      "(p.code like @q escape '\\' or p.name like @q escape '\\' or r.trainee like @q escape '\\' or r.certificate_no like @q escape '\\' or c.code like @q escape '\\')",
    );
    params.q = `%${f.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  }
  const where = ` where ${conds.join(' and ')}`;
  const { rows, total } = recordStore.page(ws, where, params, f.limit ?? 10_000, f.offset ?? 0);
  return {
    rows: rows.map((r) => {
      const record = toRecord(r);
      return { ...record, state: recordState(record, asOf) };
    }),
    total,
  };
}

export function getRecord(ws: Workspace, id: number): TrainingRecord {
  const r = recordStore.byId(ws, id);
  if (!r) throw new DomainError(`Training record ${id} not found`, 'NOT_FOUND', notFound('trainingRecord', id));
  return toRecord(r);
}

/** Passed or not: the explicit flag wins; else the score against the course's passing score; no score and no pass mark → passed. */
export function derivePassed(course: Pick<Course, 'passingScore'>, score: number | null | undefined, passed: boolean | undefined): boolean {
  if (passed !== undefined) return passed;
  if (score === null || score === undefined || course.passingScore === null) {
    if (course.passingScore !== null) throw new DomainError('Give a score or say whether the trainee passed', 'DOMAIN', { field: 'passed', reason: 'trainingScoreOrPassed', params: {} });
    return true;
  }
  return score >= course.passingScore;
}

/** The expiry a record gets from its course: only passed records hold a certificate. For imports too. */
export function recordExpiry(course: Pick<Course, 'validityMonths'>, completedOn: string, passed: boolean): string | null {
  return passed ? computeExpiry(completedOn, course.validityMonths) : null;
}

/** Creates or updates a record; the expiry is always computed from the course, never taken from the input. */
export function saveRecord(ctx: OpContext, input: RecordInput): { before: TrainingRecord | null; after: TrainingRecord } {
  const { ws } = ctx;
  const at = ctx.clock.now().toISOString();
  if (!isIsoDate(input.completedOn)) throw new DomainError(`Not a date: ${input.completedOn}`, 'DOMAIN', { field: 'completedOn' });
  const partner = recordStore.partner(ws, input.partnerId);
  if (!partner) throw new DomainError(`Partner ${input.partnerId} not found`, 'NOT_FOUND', { ...notFound('partner', input.partnerId), field: 'partnerId' });
  if (partner.deletedAt) throw new DomainError(`Partner ${input.partnerId} is deleted`, 'DOMAIN', { field: 'partnerId', reason: 'partnerDeleted', params: { code: input.partnerId } });
  const course = getCourse(ws, input.courseId);
  const passed = derivePassed(course, input.score, input.passed);
  const values: RecordValues = {
    partnerId: input.partnerId,
    courseId: input.courseId,
    trainee: input.trainee.trim(),
    completedOn: input.completedOn,
    score: input.score ?? null,
    passed: passed ? 1 : 0,
    certificateNo: input.certificateNo?.trim() || null,
    expiresOn: recordExpiry(course, input.completedOn, passed),
  };
  const dup = recordStore.sameTraining(ws, values);
  if (dup !== undefined && dup !== input.id) {
    throw new DomainError(`${values.trainee} already has a record of this course completed on ${values.completedOn}`, 'CONFLICT', { id: dup, reason: 'trainingRecordDuplicate', params: { trainee: values.trainee, completedOn: values.completedOn } });
  }
  if (input.id === undefined) {
    const id = recordStore.insert(ws, values, at);
    return { before: null, after: getRecord(ws, id) };
  }
  const before = getRecord(ws, input.id);
  recordStore.update(ws, input.id, values, at);
  return { before, after: getRecord(ws, input.id) };
}

export function deleteRecord(ws: Workspace, id: number): { before: TrainingRecord } {
  const before = getRecord(ws, id);
  recordStore.delete(ws, id);
  return { before };
}
