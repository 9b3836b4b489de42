import { asc, eq, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import type { TrainingRecord } from '../../model/training';
import { trainingCourses, trainingRecords } from '../../../db/schema';

/**
 * The training area's store: its SQL, typed from the drizzle schema (rows are `$inferSelect`, writes `$inferInsert`).
 * The catalogue's rules (validation, expiry recomputation, refusals) stay in courseCatalogue.ts.
 */
export type CourseRow = typeof trainingCourses.$inferSelect;
export type CourseValues = Omit<typeof trainingCourses.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'hqVersion'>;
/** A course as listed: its row and how many training records refer to it. */
export type CourseWithCount = Pick<
  CourseRow,
  'id' | 'code' | 'titleZh' | 'titleEn' | 'category' | 'validityMonths' | 'requiredTiers' | 'requiredChannelTypes' | 'passingScore' | 'active' | 'updatedAt' | 'hqVersion'
> & { recordCount: number };

const NOW = sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

function selectCourses(ws: Workspace) {
  const c = trainingCourses;
  return ws.db
    .select({
      id: c.id,
      code: c.code,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      category: c.category,
      validityMonths: c.validityMonths,
      requiredTiers: c.requiredTiers,
      requiredChannelTypes: c.requiredChannelTypes,
      passingScore: c.passingScore,
      active: c.active,
      // Spelled out: drizzle renders ${c.id} unqualified in a one-table select, which inside the subquery would mean r.id.
      recordCount: sql<number>`(select count(*) from training_records r where r.course_id = training_courses.id)`,
      updatedAt: c.updatedAt,
      hqVersion: c.hqVersion,
    })
    .from(c);
}

export const courseStore = {
  list(ws: Workspace, opts: { activeOnly?: boolean } = {}): CourseWithCount[] {
    const q = selectCourses(ws);
    return (opts.activeOnly ? q.where(eq(trainingCourses.active, true)) : q).orderBy(asc(trainingCourses.code)).all();
  },
  byId(ws: Workspace, id: number): CourseWithCount | undefined {
    return selectCourses(ws).where(eq(trainingCourses.id, id)).get();
  },
  byCode(ws: Workspace, code: string): CourseWithCount | undefined {
    return selectCourses(ws).where(eq(trainingCourses.code, code)).get();
  },
  insert(ws: Workspace, values: CourseValues): number {
    return ws.db.insert(trainingCourses).values(values).returning({ id: trainingCourses.id }).get().id;
  },
  update(ws: Workspace, id: number, values: CourseValues): void {
    ws.db
      .update(trainingCourses)
      .set({ ...values, updatedAt: NOW })
      .where(eq(trainingCourses.id, id))
      .run();
  },
  delete(ws: Workspace, id: number): void {
    ws.db.delete(trainingCourses).where(eq(trainingCourses.id, id)).run();
  },
  /** The records of a course with what their expiry depends on. */
  recordsForExpiry(ws: Workspace, courseId: number) {
    return ws.db
      .select({ id: trainingRecords.id, completedOn: trainingRecords.completedOn, passed: trainingRecords.passed, expiresOn: trainingRecords.expiresOn })
      .from(trainingRecords)
      .where(eq(trainingRecords.courseId, courseId))
      .all();
  },
  /** Sets records' expiry (one prepared statement for the whole batch: a course may have tens of thousands of records). */
  setExpiries(ws: Workspace, changes: Array<{ id: number; expiresOn: string | null }>): void {
    const upd = ws.sqlite.prepare<[string | null, number]>("update training_records set expires_on = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?");
    for (const ch of changes) upd.run(ch.expiresOn, ch.id);
  },
};

/** A training record as SQLite returns it (`passed` 0/1), with its partner and course. */
export type RecordSql = Omit<TrainingRecord, 'passed'> & { passed: number };
/** The columns a record is saved with (`passed` 0/1, the expiry already computed by the rules). */
export interface RecordValues {
  partnerId: number;
  courseId: number;
  trainee: string;
  completedOn: string;
  score: number | null;
  passed: number;
  certificateNo: string | null;
  expiresOn: string | null;
}

const RECORD_FROM = 'from training_records r join partners p on p.id = r.partner_id join training_courses c on c.id = r.course_id';
const RECORD_SELECT = `select r.id, r.partner_id as partnerId, p.code as partnerCode, p.name as partnerName, p.name_en as partnerNameEn, r.course_id as courseId,
  c.code as courseCode, c.title_zh as courseTitleZh, c.title_en as courseTitleEn, r.trainee, r.completed_on as completedOn,
  r.score, r.passed, r.certificate_no as certificateNo, r.expires_on as expiresOn, r.import_id as importId, r.updated_at as updatedAt
  ${RECORD_FROM}`;

/** Training records (the records grid, one record, saving), raw typed statements over the record, partner and course join. */
export const recordStore = {
  /** A page of records matching `where` (SQL built by the rules from their filter, with named `params`), newest first. */
  page(ws: Workspace, where: string, params: Record<string, unknown>, limit: number, offset: number): { rows: RecordSql[]; total: number } {
    const total = ws.sqlite.prepare<[Record<string, unknown>], { n: number }>(`select count(*) as n ${RECORD_FROM}${where}`).get(params)!.n;
    const rows = ws.sqlite
      .prepare<[Record<string, unknown>], RecordSql>(`${RECORD_SELECT}${where} order by r.completed_on desc, r.id desc limit @limit offset @offset`)
      .all({ ...params, limit, offset });
    return { rows, total };
  },
  byId(ws: Workspace, id: number): RecordSql | undefined {
    return ws.sqlite.prepare<[number], RecordSql>(`${RECORD_SELECT} where r.id = ?`).get(id);
  },
  partner(ws: Workspace, partnerId: number): { id: number; deletedAt: string | null } | undefined {
    return ws.sqlite.prepare<[number], { id: number; deletedAt: string | null }>('select id, deleted_at as deletedAt from partners where id = ?').get(partnerId);
  },
  /** The record of the same trainee, course and completion day, if any (one training is recorded once). */
  sameTraining(ws: Workspace, v: Pick<RecordValues, 'partnerId' | 'courseId' | 'trainee' | 'completedOn'>): number | undefined {
    return ws.sqlite
      .prepare<[Pick<RecordValues, 'partnerId' | 'courseId' | 'trainee' | 'completedOn'>], { id: number }>(
        'select id from training_records where partner_id = @partnerId and course_id = @courseId and trainee = @trainee and completed_on = @completedOn',
      )
      .get({ partnerId: v.partnerId, courseId: v.courseId, trainee: v.trainee, completedOn: v.completedOn })?.id;
  },
  insert(ws: Workspace, v: RecordValues): number {
    return Number(
      ws.sqlite
        .prepare<[RecordValues]>(
          `insert into training_records (partner_id, course_id, trainee, completed_on, score, passed, certificate_no, expires_on)
           values (@partnerId, @courseId, @trainee, @completedOn, @score, @passed, @certificateNo, @expiresOn)`,
        )
        .run(v).lastInsertRowid,
    );
  },
  update(ws: Workspace, id: number, v: RecordValues): void {
    ws.sqlite
      .prepare<[RecordValues & { id: number }]>(
        `update training_records set partner_id = @partnerId, course_id = @courseId, trainee = @trainee, completed_on = @completedOn,
         score = @score, passed = @passed, certificate_no = @certificateNo, expires_on = @expiresOn,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`,
      )
      .run({ ...v, id });
  },
  delete(ws: Workspace, id: number): void {
    ws.sqlite.prepare<[number]>('delete from training_records where id = ?').run(id);
  },
};
