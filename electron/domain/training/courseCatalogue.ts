import type { Workspace } from '../../../db/database';
import { COURSE_CATEGORIES, CHANNEL_TYPES, TIERS, type CourseCategory } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { parseCodeList } from './compliance';
import { computeExpiry } from '../../model/trainingExpiry';
import { Course } from '../../model/training';

export interface CourseInput {
  id?: number;
  code: string;
  titleZh: string;
  titleEn: string;
  category: CourseCategory;
  validityMonths: number | null;
  requiredTiers: string[];
  requiredChannelTypes: string[];
  passingScore: number | null;
  active?: boolean;
}

interface CourseSql {
  id: number;
  code: string;
  titleZh: string;
  titleEn: string;
  category: CourseCategory;
  validityMonths: number | null;
  requiredTiers: string;
  requiredChannelTypes: string;
  passingScore: number | null;
  active: number;
  recordCount: number;
  updatedAt: string;
}

const SELECT = `select c.id, c.code, c.title_zh as titleZh, c.title_en as titleEn, c.category, c.validity_months as validityMonths,
  c.required_tiers as requiredTiers, c.required_channel_types as requiredChannelTypes, c.passing_score as passingScore, c.active,
  (select count(*) from training_records r where r.course_id = c.id) as recordCount, c.updated_at as updatedAt
  from training_courses c`;

function toCourse(r: CourseSql): Course {
  return {
    ...r,
    requiredTiers: parseCodeList(r.requiredTiers),
    requiredChannelTypes: parseCodeList(r.requiredChannelTypes),
    active: r.active === 1,
  };
}

export function listCourses(ws: Workspace, opts: { includeInactive?: boolean } = {}): Course[] {
  const where = opts.includeInactive === false ? ' where c.active = 1' : '';
  return (ws.sqlite.prepare(`${SELECT}${where} order by c.code`).all() as CourseSql[]).map(toCourse);
}

export function getCourse(ws: Workspace, id: number): Course {
  const r = ws.sqlite.prepare(`${SELECT} where c.id = ?`).get(id) as CourseSql | undefined;
  if (!r) throw new DomainError(`Course ${id} not found`, 'NOT_FOUND');
  return toCourse(r);
}

export function getCourseByCode(ws: Workspace, code: string): Course | undefined {
  const r = ws.sqlite.prepare(`${SELECT} where c.code = ?`).get(code) as CourseSql | undefined;
  return r ? toCourse(r) : undefined;
}

/** Validation the zod schema cannot express (it already checks shapes, enums and ranges). */
function validate(input: CourseInput): void {
  const badTier = input.requiredTiers.find((t) => !(TIERS as readonly string[]).includes(t));
  if (badTier) throw new DomainError(`Unknown tier: ${badTier}`, 'DOMAIN');
  const badType = input.requiredChannelTypes.find((t) => !(CHANNEL_TYPES as readonly string[]).includes(t));
  if (badType) throw new DomainError(`Unknown channel type: ${badType}`, 'DOMAIN');
  if (!(COURSE_CATEGORIES as readonly string[]).includes(input.category)) throw new DomainError(`Unknown category: ${input.category}`, 'DOMAIN');
}

const uniq = (xs: string[]) => [...new Set(xs)];

/**
 * Re-derives expires_on of every record of a course from its current validity (passed records only;
 * failed attempts carry no certificate and so no expiry). Returns the number of records whose expiry changed.
 */
export function recomputeCourseExpiries(ws: Workspace, courseId: number, validityMonths: number | null): number {
  const rows = ws.sqlite
    .prepare('select id, completed_on as completedOn, passed, expires_on as expiresOn from training_records where course_id = ?')
    .all(courseId) as Array<{ id: number; completedOn: string; passed: number; expiresOn: string | null }>;
  const upd = ws.sqlite.prepare("update training_records set expires_on = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?");
  let changed = 0;
  for (const r of rows) {
    const e = r.passed ? computeExpiry(r.completedOn, validityMonths) : null;
    if (e !== r.expiresOn) {
      upd.run(e, r.id);
      changed++;
    }
  }
  return changed;
}

/**
 * Creates (no id) or updates (id) a course. Codes are unique. When an update changes the validity, every record's
 * expiry is recomputed in the same transaction (the caller's mutation transaction).
 */
export function saveCourse(ws: Workspace, input: CourseInput): { before: Course | null; after: Course; recomputed: number } {
  validate(input);
  const clash = getCourseByCode(ws, input.code);
  if (clash && clash.id !== input.id) throw new DomainError(`A course with code ${input.code} already exists`, 'CONFLICT', { field: 'code' });
  const values = {
    code: input.code,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    category: input.category,
    validityMonths: input.validityMonths,
    requiredTiers: JSON.stringify(uniq(input.requiredTiers)),
    requiredChannelTypes: JSON.stringify(uniq(input.requiredChannelTypes)),
    passingScore: input.passingScore,
    active: input.active === false ? 0 : 1,
  };
  if (input.id === undefined) {
    const id = Number(
      ws.sqlite
        .prepare(
          `insert into training_courses (code, title_zh, title_en, category, validity_months, required_tiers, required_channel_types, passing_score, active)
           values (@code, @titleZh, @titleEn, @category, @validityMonths, @requiredTiers, @requiredChannelTypes, @passingScore, @active)`,
        )
        .run(values).lastInsertRowid,
    );
    return { before: null, after: getCourse(ws, id), recomputed: 0 };
  }
  const before = getCourse(ws, input.id);
  ws.sqlite
    .prepare(
      `update training_courses set code = @code, title_zh = @titleZh, title_en = @titleEn, category = @category,
       validity_months = @validityMonths, required_tiers = @requiredTiers, required_channel_types = @requiredChannelTypes,
       passing_score = @passingScore, active = @active, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = @id`,
    )
    .run({ ...values, id: input.id });
  const recomputed = before.validityMonths !== input.validityMonths ? recomputeCourseExpiries(ws, input.id, input.validityMonths) : 0;
  return { before, after: getCourse(ws, input.id), recomputed };
}

/** Deletes a course without records; a course with history is refused (retire it with active = false instead). */
export function deleteCourse(ws: Workspace, id: number): { before: Course } {
  const before = getCourse(ws, id);
  if (before.recordCount > 0) {
    throw new DomainError(`Course ${before.code} has ${before.recordCount} training records; retire it (inactive) instead of deleting it`, 'CONFLICT', {
      recordCount: before.recordCount,
    });
  }
  ws.sqlite.prepare('delete from training_courses where id = ?').run(id);
  return { before };
}
