import { asc, eq, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
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
