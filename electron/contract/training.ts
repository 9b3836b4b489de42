import { z } from 'zod';
import { territoryRefs } from '../model/territories';
import { CHANNEL_TYPES, TIERS } from '../../shared/enums';
import { job, mutation, query, zs } from './operation';
import { CELL_STATE_VALUES, ComplianceMatrix, Course, ExpiringCertificate, PartnerComplianceRow, TrainingRecord, TrainingRecordRow, asOf, courseInput, recordInput, recordListInput } from '../model/training';

import type { Population } from '../../shared/population';

export * from '../model/training';

/** "Mine": only the certificates of partners these channel managers own now (an empty list: none). */
const channelManagerIds = z.array(zs.id).max(1000).optional();

export const trainingContract = {
  'training.courses.list': query<Course[]>()(z.object({ includeInactive: z.boolean().optional() }).strict()),
  'training.courses.save': mutation<{ course: Course; recomputed: number }>()(courseInput, { invalidates: ['training'] }),
  'training.courses.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['training'] }),
  'training.records.list': query<{ rows: TrainingRecordRow[]; total: number }>()(recordListInput),
  'training.records.save': mutation<TrainingRecord>()(recordInput, { invalidates: ['training'] }),
  'training.records.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['training'] }),
  /** Per live partner at a date (default today): required / valid / expiring within 90 days / ratio. */
  'training.compliance': query<{ asOf: string; rows: PartnerComplianceRow[]; population: Population }>()(
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
    z.object({ asOf, days: z.number().int().min(0).max(3660), channelManagerIds }).strict(),
  ),
  /** Writes the expiring list as CSV or XLSX to `out` (a file path); returns it. */
  'training.exportExpiring': job<{ path: string; rows: number }>()(
    z
      .object({
        asOf,
        days: z.number().int().min(0).max(3660),
        channelManagerIds,
        format: z.enum(['csv', 'xlsx']),
        lang: z.enum(['zh-CN', 'en']).optional(),
        out: zs.filePath,
        onExists: zs.onExists.optional(),
      })
      .strict(),
  ),
};
