import type { Population } from '../../shared/population';
import { z } from 'zod';
import { CHANNEL_TYPES, COURSE_CATEGORIES, TIERS } from '../../shared/enums';
import { zs } from '../../shared/fields';
import type { trainingCourses, trainingRecords, PartnerRow } from '../../db/schema';

type CourseRow = typeof trainingCourses.$inferSelect;
type RecordRow = typeof trainingRecords.$inferSelect;

export const date = zs.isoDate;

/** The expiry rule, shared with the renderer for the record form's preview (the main process computes the stored value). */
export { computeExpiry } from './trainingExpiry';

export const CELL_STATE_VALUES = ['valid', 'expiring30', 'expiring60', 'expiring90', 'expired', 'missing'] as const;

export const courseInput = z
  .object({
    id: zs.id.optional(),
    code: zs.code.regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
    titleZh: zs.name,
    titleEn: zs.name,
    category: z.enum(COURSE_CATEGORIES),
    /** null = never expires */
    validityMonths: z.number().int().min(1).max(240).nullable(),
    requiredTiers: z.array(z.enum(TIERS)).max(TIERS.length),
    requiredChannelTypes: z.array(z.enum(CHANNEL_TYPES)).max(CHANNEL_TYPES.length),
    passingScore: z.number().min(0).max(100).nullable(),
    active: z.boolean().optional(),
  })
  .strict();

export const recordInput = z
  .object({
    id: zs.id.optional(),
    partnerId: zs.id,
    courseId: zs.id,
    trainee: z.string().trim().min(1).max(100),
    completedOn: date,
    score: z.number().min(0).max(100).nullable().optional(),
    /** Omitted: derived from the score and the course's passing score. */
    passed: z.boolean().optional(),
    certificateNo: z.string().trim().max(64).nullable().optional(),
  })
  .strict();

export const recordListInput = z
  .object({
    partnerId: zs.id.optional(),
    courseId: zs.id.optional(),
    search: z.string().max(100).optional(),
    from: date.optional(),
    to: date.optional(),
    passed: z.boolean().optional(),
    /** "Mine": only the partners these channel managers own now. */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
    /** The day each record's certificate state is read at (default: today). */
    asOf: date.optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

export interface PartnerComplianceRow {
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  required: number;
  valid: number;
  expiringIn90Days: number;
  compliance: number | null;
}

export const asOf = date.optional();

/** A catalogue course as the API returns it. */
/** A course as stored (the drizzle schema's columns) with how many training records point at it. `hqVersion`: HQ's version when the course was pulled from HQ (read-only here), else null. */
export type Course = Pick<
  CourseRow,
  'id' | 'code' | 'titleZh' | 'titleEn' | 'category' | 'validityMonths' | 'requiredTiers' | 'requiredChannelTypes' | 'passingScore' | 'active' | 'updatedAt' | 'hqVersion'
> & {
  /** Training records that point at this course. */
  recordCount: number;
};

export interface ComplianceMatrix {
  asOf: string;
  /** Courses required for at least one listed partner, by code. */
  courses: Array<{ id: number; code: string; titleZh: string; titleEn: string; category: string; validityMonths: number | null }>;
  rows: MatrixRow[];
  /** Count of cells per state (for the legend). */
  totals: Record<CellState, number>;
  /** Whom the tier, channel type and territory filters considered; partners with nothing required are counted as such. */
  population: Population;
}

export type CellState = (typeof CELL_STATES)[number];

export interface MatrixCell {
  state: CellState;
  /** Latest expiry among the partner's passed certificates of the course (null: never expires or none). */
  expiresOn: string | null;
}

export interface MatrixRow {
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  tier: string;
  channelType: string;
  region: string | null;
  required: number;
  valid: number;
  expiringIn90Days: number;
  compliance: number | null;
  /** Keyed by course code; a course absent from the map is not required for this partner. */
  cells: Record<string, MatrixCell>;
}

export interface ExpiringCertificate {
  recordId: number;
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  /** The partner's English name, where it has one (shown in English mode and in English exports). */
  partnerNameEn: string | null;
  partnerOwner: string | null;
  courseId: number;
  courseCode: string;
  courseTitleZh: string;
  courseTitleEn: string;
  trainee: string;
  certificateNo: string | null;
  completedOn: string;
  expiresOn: string;
  /** Days from asOf to the expiry (0 = last valid day is asOf). */
  daysLeft: number;
  /** The course is required for the partner (its compliance drops when the last such certificate lapses). */
  required: boolean;
  /** Another certificate of the partner (other trainee) for this course stays valid after this one lapses. */
  partnerCovered: boolean;
}

/** A training record as stored (the drizzle schema's columns) with its partner's code and names and its course's code and titles. */
export type TrainingRecord = Pick<
  RecordRow,
  'id' | 'partnerId' | 'courseId' | 'trainee' | 'completedOn' | 'score' | 'passed' | 'certificateNo' | 'expiresOn' | 'importId' | 'updatedAt'
> & {
  partnerCode: PartnerRow['code'];
  partnerName: PartnerRow['name'];
  /** The partner's English name, where it has one (shown in English mode). */
  partnerNameEn: PartnerRow['nameEn'];
  courseCode: CourseRow['code'];
  courseTitleZh: CourseRow['titleZh'];
  courseTitleEn: CourseRow['titleEn'];
};

/** A certificate's state at a day: not passed, valid (no expiry or not yet lapsed) or expired. */
export type RecordState = 'failed' | 'valid' | 'expired';

/** A record as the records grid lists it: with its certificate's state at the list's day. */
export interface TrainingRecordRow extends TrainingRecord {
  state: RecordState;
}

/**
 * State of one required course for one partner at a date:
 * - valid: held, lapses more than 90 days after asOf (or never);
 * - expiring30 / expiring60 / expiring90: held, the best certificate lapses within 0–30 / 31–60 / 61–90 days;
 * - expired: passed before, every certificate has lapsed;
 * - missing: never passed (by asOf).
 */
export const CELL_STATES = ['valid', 'expiring30', 'expiring60', 'expiring90', 'expired', 'missing'] as const;
