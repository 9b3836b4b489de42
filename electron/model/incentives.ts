import { z } from 'zod';
import type { InquiryStatus, PayoutLineKind, PayoutRunStatus } from '../../shared/enums';
import type { ProgramFile } from './programs';
import type { Population } from '../../shared/population';
import { zs } from '../../shared/fields';

export const programRef = z
  .object({ id: zs.id.optional(), code: zs.code.optional() })
  .strict()
  .refine((r) => (r.id == null) !== (r.code == null), 'give exactly one of id or code');

/** The program document itself is validated by the domain's programFileSchema (errors come back with field paths). */
export const programDocument = z.record(z.string(), z.json());

/** Result types of this area, for the renderer (which reaches the domain only through the contract). */
export type { ProgramFile };

export const STATEMENT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;

export interface InquiryRow {
  id: number;
  lineId: number;
  runId: number;
  partnerCode: string;
  partnerName: string;
  question: string;
  answer: string | null;
  status: InquiryStatus;
  createdAt: string;
  updatedAt: string;
}

export interface PayoutLineView {
  id: number;
  runId: number;
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  partnerNameEn: string | null;
  channelType: string;
  region: string | null;
  kind: PayoutLineKind;
  basisMinor: number;
  attainment: number | null;
  tierReached: number | null;
  rate: number | null;
  amountMinor: number;
  /** zh-CN and en renderings of the structured explanation. */
  explanation: string;
  explanationEn: string;
  reason: string | null;
  relatesToLineId: number | null;
  inquiries: number;
}

export interface PayoutRunDetail extends PayoutRunRow {
  program: ProgramFile;
  /** Whom the calculation considered and why it left anyone out; null on runs calculated before it was kept. */
  population: Population | null;
  lines: PayoutLineView[];
}

export interface PayoutRunRow {
  id: number;
  programId: number;
  programCode: string;
  programName: string;
  programType: string;
  period: string;
  version: number;
  status: PayoutRunStatus;
  currency: string;
  totalMinor: number;
  lineCount: number;
  partnerCount: number;
  inputsFingerprint: string;
  calculatedAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  paidAt: string | null;
  paymentRef: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  openInquiries: number;
}

export interface ProgramRow {
  id: number;
  code: string;
  name: string;
  type: ProgramFile['type'];
  periodKind: ProgramFile['periodKind'];
  currency: string;
  validFrom: string;
  validTo: string | null;
  active: boolean;
  runs: number;
  updatedAt: string;
}

export interface ProgramWithDefinition extends ProgramRow {
  definition: ProgramFile;
}

export interface WhatIfResult {
  runId: number;
  period: string;
  baseTotalMinor: number;
  variantTotalMinor: number;
  differenceMinor: number;
  partners: Array<{ partnerId: number; partnerCode: string; partnerName: string; baseMinor: number; variantMinor: number; differenceMinor: number }>;
  /** Whom the variant considered and why it left anyone out. */
  population: Population;
}

export interface StatementExportResult {
  runId: number;
  dir: string;
  zip: string | null;
  files: string[];
  statements: Array<{ number: string; partnerCode: string; totalMinor: number; pdf: string | null; xlsx: string | null }>;
  finance: { csv: string | null; excelCsv: string | null; xlsx: string | null };
  totalMinor: number;
}

/** A program template pulled from HQ (read-only here): what the editor offers as "new program from an HQ template". */
export interface ProgramTemplate {
  code: string;
  name: string;
  /** HQ's version of the template when it was pulled. */
  version: number;
  /** The program type the template sets, if it sets one. */
  type: string | null;
  pulledAt: string;
  /** The new program's definition as the template gives it (no code yet; valid for the current year unless the template says otherwise): edit it, then save. */
  draft: Record<string, unknown>;
}

/** A new local program copied from an HQ template: the template stays as HQ sent it. */
export const programFromTemplateInput = z
  .object({
    template: z.string().trim().min(1).max(64),
    code: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200).optional(),
    validFrom: zs.isoDate.optional(),
    validTo: zs.isoDate.nullable().optional(),
  })
  .strict();
export type ProgramFromTemplateInput = z.output<typeof programFromTemplateInput>;
