import { z } from 'zod';
import { isoDate } from './dates';
import { periodFromText } from './periodText';

/** Building blocks for the models' and the contract's schemas. Every object schema is strict: unknown fields are rejected. */
export const zs = {
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  text: (max = 2000) => z.string().max(max),
  /** A calendar date in the years 1900–2199 (no 2025-02-30: handlers can rely on `new Date(...)` working). */
  isoDate,
  /** '2019-03', '2019-Q1', '2019-H1', '2019' (years 1900–2199); typed forms ('2019q1', '2019年第1季度') become the label. */
  period: z
    .string()
    .max(40)
    .meta({ examples: ['2025-Q4', '2025-03', '2025-H1', '2025', '2025年第4季度'] })
    .transform(periodFromText)
    .pipe(z.string().regex(/^(19|20|21)\d{2}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, 'expected a period such as 2019-03, 2019-Q1, 2019-H1 or 2019')),
  minor: z.number().int().min(-9e15).max(9e15),
  filePath: z.string().min(1).max(4096),
  /** What an export does when its file (or folder) exists: refuse (the default), replace it, or write beside it as "name (2)". */
  onExists: z.enum(['refuse', 'replace', 'rename']),
};
