import { asc, eq, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import type { Course, TrainingRecord } from '../../model/training';
import { trainingCourses, trainingRecords, type PartnerRow, type TerritoryRow } from '../../../db/schema';
import type { StoredImage } from '../../../db/schema/common';

/**
 * The training area's store: its SQL, typed from the drizzle schema (rows are `$inferSelect`, writes `$inferInsert`).
 * The catalogue's rules (validation, expiry recomputation, refusals) stay in courseCatalogue.ts.
 */
export type CourseRow = typeof trainingCourses.$inferSelect;
export type RecordRow = typeof trainingRecords.$inferSelect;
export type CourseValues = Omit<typeof trainingCourses.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'hqVersion'>;


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
  list(ws: Workspace, opts: { activeOnly?: boolean } = {}): Course[] {
    const q = selectCourses(ws);
    return (opts.activeOnly ? q.where(eq(trainingCourses.active, true)) : q).orderBy(asc(trainingCourses.code)).all();
  },
  byId(ws: Workspace, id: number): Course | undefined {
    return selectCourses(ws).where(eq(trainingCourses.id, id)).get();
  },
  byCode(ws: Workspace, code: string): Course | undefined {
    return selectCourses(ws).where(eq(trainingCourses.code, code)).get();
  },
  /** `at`: the operation's instant (its clock), stamped as created and updated. */
  insert(ws: Workspace, values: CourseValues, at: string): number {
    return ws.db.insert(trainingCourses).values({ ...values, createdAt: at, updatedAt: at }).returning({ id: trainingCourses.id }).get().id;
  },
  update(ws: Workspace, id: number, values: CourseValues, at: string): void {
    ws.db
      .update(trainingCourses)
      .set({ ...values, updatedAt: at })
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
  setExpiries(ws: Workspace, changes: Array<{ id: number; expiresOn: string | null }>, at: string): void {
    const upd = ws.sqlite.prepare<[string | null, string, number]>('update training_records set expires_on = ?, updated_at = ? where id = ?');
    for (const ch of changes) upd.run(ch.expiresOn, at, ch.id);
  },
};

/** A training record as SQLite returns it (`passed` 0/1), with its partner and course. */
export type RecordSql = Omit<TrainingRecord, 'passed'> & { passed: number };
/** The columns a record is saved with (`passed` 0/1, the expiry already computed by the rules). */
export type RecordValues = Pick<RecordRow, 'partnerId' | 'courseId' | 'trainee' | 'completedOn' | 'score' | 'certificateNo' | 'expiresOn'> & { passed: number };

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
  insert(ws: Workspace, v: RecordValues, at: string): number {
    return Number(
      ws.sqlite
        .prepare<[RecordValues & { at: string }]>(
          `insert into training_records (partner_id, course_id, trainee, completed_on, score, passed, certificate_no, expires_on, created_at, updated_at)
           values (@partnerId, @courseId, @trainee, @completedOn, @score, @passed, @certificateNo, @expiresOn, @at, @at)`,
        )
        .run({ ...v, at }).lastInsertRowid,
    );
  },
  update(ws: Workspace, id: number, v: RecordValues, at: string): void {
    ws.sqlite
      .prepare<[RecordValues & { id: number; at: string }]>(
        `update training_records set partner_id = @partnerId, course_id = @courseId, trainee = @trainee, completed_on = @completedOn,
         score = @score, passed = @passed, certificate_no = @certificateNo, expires_on = @expiresOn,
         updated_at = @at where id = @id`,
      )
      .run({ ...v, id, at });
  },
  delete(ws: Workspace, id: number): void {
    ws.sqlite.prepare<[number]>('delete from training_records where id = ?').run(id);
  },
};

/** A partner as the requirement rule and the compliance figures see it. */
export type CompliancePartner = Pick<PartnerRow, 'id' | 'code' | 'tier' | 'channelType'>;
/** An active course's requirement lists as stored (JSON text; the rules parse them). */
export interface RequirementCourseSql {
  id: CourseRow['id'];
  requiredTiers: string;
  requiredChannelTypes: string;
}
/** The latest expiry of a (partner, course)'s certificates ('9999-12-31' for "never expires"). */
export interface BestExpiry {
  partnerId: number;
  courseId: number;
  expiresOn: string;
}
/** An expiring certificate as the query returns it: the course's requirement lists as JSON text, flags 0/1. */
export interface ExpiringCertificateSql {
  recordId: number;
  partnerId: number;
  partnerCode: PartnerRow['code'];
  partnerName: PartnerRow['name'];
  partnerNameEn: PartnerRow['nameEn'];
  partnerOwner: string | null;
  tier: PartnerRow['tier'];
  channelType: PartnerRow['channelType'];
  courseId: number;
  courseCode: CourseRow['code'];
  courseTitleZh: CourseRow['titleZh'];
  courseTitleEn: CourseRow['titleEn'];
  requiredTiers: string;
  requiredChannelTypes: string;
  trainee: string;
  certificateNo: string | null;
  completedOn: string;
  expiresOn: string;
  partnerCovered: number;
}

const NEVER = '9999-12-31';
const idsParam = (ids: number[]) => JSON.stringify(ids);

/**
 * Compliance reads: the KPI scan of every evaluation asks for all partners' holdings at once, so these are declared hot
 * paths — raw statements (no drizzle row mapping), typed all the same.
 */
export const complianceStore = {
  /** Active courses with their requirement lists (JSON text), by code. */
  requirementCourses(ws: Workspace): RequirementCourseSql[] {
    return ws.sqlite
      .prepare<[], RequirementCourseSql>(
        'select id, required_tiers as requiredTiers, required_channel_types as requiredChannelTypes from training_courses where active = 1 order by code',
      )
      .all();
  },
  /** What the matrix shows of every course (the column heads). */
  courseHeads(ws: Workspace): Array<Pick<CourseRow, 'id' | 'code' | 'titleZh' | 'titleEn' | 'category' | 'validityMonths'>> {
    return ws.db
      .select({ id: trainingCourses.id, code: trainingCourses.code, titleZh: trainingCourses.titleZh, titleEn: trainingCourses.titleEn, category: trainingCourses.category, validityMonths: trainingCourses.validityMonths })
      .from(trainingCourses)
      .all();
  },
  /** Live (not deleted) partners by code, optionally only `partnerIds`. */
  livePartners(ws: Workspace, partnerIds?: number[]): CompliancePartner[] {
    const base = 'select id, code, tier, channel_type as channelType from partners where deleted_at is null';
    if (partnerIds === undefined) return ws.sqlite.prepare<[], CompliancePartner>(`${base} order by code`).all();
    return ws.sqlite.prepare<[string], CompliancePartner>(`${base} and id in (select value from json_each(?)) order by code`).all(idsParam(partnerIds));
  },
  /** Live partners' names and territories (the matrix's rows). */
  partnerDetails(ws: Workspace): Array<Pick<PartnerRow, 'id' | 'name' | 'territoryId'> & { region: TerritoryRow['nameZh'] | null }> {
    return ws.sqlite
      .prepare<[], Pick<PartnerRow, 'id' | 'name' | 'territoryId'> & { region: string | null }>(
        'select p.id, p.name, p.territory_id as territoryId, t.name_zh as region from partners p left join territories t on t.id = p.territory_id where p.deleted_at is null',
      )
      .all();
  },
  /**
   * The best valid certificate per (partner, course) at asOf: passed records completed on or before asOf that have not
   * lapsed (expiresOn null or ≥ asOf); the latest expiry among them.
   */
  validHoldings(ws: Workspace, asOf: string, partnerIds?: number[]): BestExpiry[] {
    const sqlText =
      `select partner_id as partnerId, course_id as courseId, max(coalesce(expires_on, '${NEVER}')) as expiresOn from training_records
       where passed = 1 and completed_on <= @asOf and (expires_on is null or expires_on >= @asOf)` +
      (partnerIds === undefined ? '' : ' and partner_id in (select value from json_each(@ids))') +
      ' group by partner_id, course_id';
    if (partnerIds === undefined) return ws.sqlite.prepare<[{ asOf: string }], BestExpiry>(sqlText).all({ asOf });
    return ws.sqlite.prepare<[{ asOf: string; ids: string }], BestExpiry>(sqlText).all({ asOf, ids: idsParam(partnerIds) });
  },
  /** The latest expiry per (partner, course) over passed records completed by asOf, lapsed ones too. */
  latestExpiries(ws: Workspace, asOf: string): IterableIterator<BestExpiry> {
    return ws.sqlite
      .prepare<[string], BestExpiry>(
        `select partner_id as partnerId, course_id as courseId, max(coalesce(expires_on, '${NEVER}')) as expiresOn from training_records
         where passed = 1 and completed_on <= ? group by partner_id, course_id`,
      )
      .iterate(asOf);
  },
  /**
   * Certificates of live partners expiring between asOf and until, inclusive, that the same trainee has not already
   * renewed; `partnerCovered` = another certificate of the partner for the course lasts longer. `channelManagerIds`
   * ("Mine"): only partners one of them owns now.
   */
  expiringCertificates(ws: Workspace, asOf: string, until: string, channelManagerIds?: number[]): ExpiringCertificateSql[] {
    const managers = channelManagerIds ? ' and p.channel_manager_id in (select value from json_each(@managers))' : '';
    return ws.sqlite
      .prepare<[{ asOf: string; until: string; managers?: string }], ExpiringCertificateSql>(
        `select r.id as recordId, r.partner_id as partnerId, p.code as partnerCode, p.name as partnerName, p.name_en as partnerNameEn, (select m.name from channel_managers m where m.id = p.channel_manager_id) as partnerOwner,
          p.tier, p.channel_type as channelType, r.course_id as courseId, c.code as courseCode, c.title_zh as courseTitleZh,
          c.title_en as courseTitleEn, c.required_tiers as requiredTiers, c.required_channel_types as requiredChannelTypes, r.trainee, r.certificate_no as certificateNo,
          r.completed_on as completedOn, r.expires_on as expiresOn,
          exists (select 1 from training_records o where o.partner_id = r.partner_id and o.course_id = r.course_id and o.id <> r.id
                  and o.passed = 1 and o.completed_on <= @asOf and coalesce(o.expires_on, '${NEVER}') > r.expires_on) as partnerCovered
         from training_records r join partners p on p.id = r.partner_id join training_courses c on c.id = r.course_id
         where r.passed = 1 and p.deleted_at is null and r.completed_on <= @asOf and r.expires_on between @asOf and @until
           and not exists (select 1 from training_records o where o.partner_id = r.partner_id and o.course_id = r.course_id
                  and o.trainee = r.trainee and o.id <> r.id and o.passed = 1 and o.completed_on <= @asOf
                  and coalesce(o.expires_on, '${NEVER}') > r.expires_on)${managers}
         order by r.expires_on, p.code, c.code, r.trainee`,
      )
      .all(channelManagerIds ? { asOf, until, managers: idsParam(channelManagerIds) } : { asOf, until });
  },
};

/** A training record as stored (the image an import keeps for undo). */
export type TrainingRecordImage = StoredImage<typeof trainingRecords>;
type RecordKey = [partnerId: number, courseId: number, trainee: string, completedOn: string];
type RecordImportValues = [...RecordKey, score: number | null, passed: 0 | 1, certificateNo: string | null, expiresOn: string | null, importId: number | null, createdAt: string, updatedAt: string];
type RecordImportUpdate = [score: number | null, passed: 0 | 1, certificateNo: string | null, expiresOn: string | null, importId: number | null, updatedAt: string, id: number];

/** The training import's statements (a hot path: one lookup and write per row), prepared once per import. */
export function trainingImportStatements(ws: Workspace) {
  const { sqlite } = ws;
  return {
    courses: () => sqlite.prepare<[], Pick<StoredImage<typeof trainingCourses>, 'id' | 'code' | 'validity_months' | 'passing_score'>>('select id, code, validity_months, passing_score from training_courses').iterate(),
    find: sqlite.prepare<RecordKey, TrainingRecordImage>('select * from training_records where partner_id = ? and course_id = ? and trainee = ? and completed_on = ?'),
    byId: sqlite.prepare<[number | bigint], TrainingRecordImage>('select * from training_records where id = ?'),
    insert: sqlite.prepare<RecordImportValues>(
      `insert into training_records (partner_id, course_id, trainee, completed_on, score, passed, certificate_no, expires_on, import_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: sqlite.prepare<RecordImportUpdate>('update training_records set score = ?, passed = ?, certificate_no = ?, expires_on = ?, import_id = ?, updated_at = ? where id = ?'),
  };
}
