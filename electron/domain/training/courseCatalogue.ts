import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import { COURSE_CATEGORIES, CHANNEL_TYPES, TIERS } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { parseCodeList } from './compliance';
import { computeExpiry } from '../../model/trainingExpiry';
import { Course } from '../../model/training';
import { courseStore, type CourseRow, type CourseValues } from './store';
import { refuseIfFromHq } from '../hq/referenceMirror';
import { alreadyExists, notFound } from '../../../shared/errorMessages';

/** A course as saved: its columns (the drizzle schema's); no id = a new course, no `active` = active. */
export type CourseInput = Pick<CourseRow, 'code' | 'titleZh' | 'titleEn' | 'category' | 'validityMonths' | 'requiredTiers' | 'requiredChannelTypes' | 'passingScore'> &
  Partial<Pick<CourseRow, 'id' | 'active'>>;

function toCourse(r: Course): Course {
  return { ...r, requiredTiers: parseCodeList(r.requiredTiers), requiredChannelTypes: parseCodeList(r.requiredChannelTypes) };
}

export function listCourses(ws: Workspace, opts: { includeInactive?: boolean } = {}): Course[] {
  return courseStore.list(ws, { activeOnly: opts.includeInactive === false }).map(toCourse);
}

export function getCourse(ws: Workspace, id: number): Course {
  const r = courseStore.byId(ws, id);
  if (!r) throw new DomainError(`Course ${id} not found`, 'NOT_FOUND', notFound('course', id));
  return toCourse(r);
}

export function getCourseByCode(ws: Workspace, code: string): Course | undefined {
  const r = courseStore.byCode(ws, code);
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
export function recomputeCourseExpiries(ws: Workspace, courseId: number, validityMonths: number | null, at: string): number {
  const changes = courseStore
    .recordsForExpiry(ws, courseId)
    .map((r) => ({ id: r.id, expiresOn: r.passed ? computeExpiry(r.completedOn, validityMonths) : null, before: r.expiresOn }))
    .filter((r) => r.expiresOn !== r.before);
  courseStore.setExpiries(ws, changes, at);
  return changes.length;
}

/**
 * Creates (no id) or updates (id) a course. Codes are unique. When an update changes the validity, every record's
 * expiry is recomputed in the same transaction (the caller's mutation transaction).
 */
export function saveCourse(ctx: OpContext, input: CourseInput): { before: Course | null; after: Course; recomputed: number } {
  const { ws } = ctx;
  const at = ctx.clock.now().toISOString();
  validate(input);
  const clash = getCourseByCode(ws, input.code);
  if (clash && clash.id !== input.id) throw new DomainError(`A course with code ${input.code} already exists`, 'CONFLICT', { ...alreadyExists('course', input.code), field: 'code' });
  const values: CourseValues = {
    code: input.code,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    category: input.category,
    validityMonths: input.validityMonths,
    requiredTiers: uniq(input.requiredTiers),
    requiredChannelTypes: uniq(input.requiredChannelTypes),
    passingScore: input.passingScore,
    active: input.active !== false,
  };
  if (input.id === undefined) {
    const id = courseStore.insert(ws, values, at);
    return { before: null, after: getCourse(ws, id), recomputed: 0 };
  }
  refuseIfFromHq(ws, 'course', { id: input.id });
  const before = getCourse(ws, input.id);
  courseStore.update(ws, input.id, values, at);
  const recomputed = before.validityMonths !== input.validityMonths ? recomputeCourseExpiries(ws, input.id, input.validityMonths, at) : 0;
  return { before, after: getCourse(ws, input.id), recomputed };
}

/** Deletes a course without records; a course with history is refused (retire it with active = false instead). */
export function deleteCourse(ws: Workspace, id: number): { before: Course } {
  refuseIfFromHq(ws, 'course', { id });
  const before = getCourse(ws, id);
  if (before.recordCount > 0) {
    throw new DomainError(`Course ${before.code} has ${before.recordCount} training records; retire it (inactive) instead of deleting it`, 'CONFLICT', {
      recordCount: before.recordCount,
      reason: 'courseHasRecords',
      params: { code: before.code, count: before.recordCount },
    });
  }
  courseStore.delete(ws, id);
  return { before };
}
