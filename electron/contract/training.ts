import { z } from 'zod';
import { territoryRefs } from '../domain/territories/model';
import { CHANNEL_TYPES, COURSE_CATEGORIES, TIERS } from '../../shared/enums';
import type { Course } from '../domain/training/courseCatalogue';
import type { ComplianceMatrix } from '../domain/training/complianceMatrix';
import type { ExpiringCertificate } from '../domain/training/expiringCertificates';
import type { TrainingRecord } from '../domain/training/trainingRecords';
import { isIsoDate } from '../domain/training/expiry';
import { job, mutation, query, zs } from './operation';

const date = zs.isoDate.refine(isIsoDate, 'not a calendar date');

export type { Course, ComplianceMatrix, ExpiringCertificate, TrainingRecord };
/** The expiry rule, shared with the renderer for the record form's preview (the main process computes the stored value). */
export { computeExpiry } from '../domain/training/expiry';
export type { CellState, MatrixCell, MatrixRow } from '../domain/training/complianceMatrix';

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

const asOf = date.optional();

export const trainingContract = {
  'training.courses.list': query<Course[]>()(z.object({ includeInactive: z.boolean().optional() }).strict()),
  'training.courses.save': mutation<{ course: Course; recomputed: number }>()(courseInput, { invalidates: ['training'] }),
  'training.courses.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['training'] }),
  'training.records.list': query<{ rows: TrainingRecord[]; total: number }>()(recordListInput),
  'training.records.save': mutation<TrainingRecord>()(recordInput, { invalidates: ['training'] }),
  'training.records.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['training'] }),
  /** Per live partner at a date (default today): required / valid / expiring within 90 days / ratio. */
  'training.compliance': query<{ asOf: string; rows: PartnerComplianceRow[] }>()(
    z.object({ asOf, partnerIds: z.array(zs.id).max(100_000).optional() }).strict(),
  ),
  'training.matrix': query<ComplianceMatrix>()(
    z
      .object({
        asOf,
        tiers: z.array(z.enum(TIERS)).max(TIERS.length).optional(),
        channelTypes: z.array(z.enum(CHANNEL_TYPES)).max(CHANNEL_TYPES.length).optional(),
        regions: territoryRefs.optional(),
        search: z.string().max(100).optional(),
        states: z.array(z.enum(CELL_STATE_VALUES)).max(CELL_STATE_VALUES.length).optional(),
      })
      .strict(),
  ),
  'training.expiring': query<{ asOf: string; days: number; rows: ExpiringCertificate[] }>()(
    z.object({ asOf, days: z.number().int().min(0).max(3660) }).strict(),
  ),
  /** Writes the expiring list as CSV or XLSX to `out` (a file path); returns it. */
  'training.exportExpiring': job<{ path: string; rows: number }>()(
    z
      .object({
        asOf,
        days: z.number().int().min(0).max(3660),
        format: z.enum(['csv', 'xlsx']),
        lang: z.enum(['zh-CN', 'en']).optional(),
        out: zs.filePath,
      })
      .strict(),
  ),
};
