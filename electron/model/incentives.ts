import { z } from 'zod';
import type { ProgramFile } from './programs';
import type { Population } from '../../shared/population';
import { zs } from '../../shared/fields';
import type { IncentiveProgramRecord, PartnerRow, PayoutInquiryRecord, PayoutLineRecord, PayoutRunRecord } from '../../db/schema';

export const programRef = z
  .object({ id: zs.id.optional(), code: zs.code.optional() })
  .strict()
  .refine((r) => (r.id == null) !== (r.code == null), 'give exactly one of id or code');

/** The program document itself is validated by the domain's programFileSchema (errors come back with field paths). */
export const programDocument = z.record(z.string(), z.json());

/** Result types of this area, for the renderer (which reaches the domain only through the contract). */
export type { ProgramFile };

export const STATEMENT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;

/** A payout inquiry as stored (the drizzle schema's columns) with its line's run and partner. */
export type InquiryRow = Pick<PayoutInquiryRecord, 'id' | 'lineId' | 'question' | 'answer' | 'status' | 'createdAt' | 'updatedAt'> & {
  runId: PayoutLineRecord['runId'];
  partnerCode: PartnerRow['code'];
  partnerName: PartnerRow['name'];
};

/**
 * A payout line as stored (the drizzle schema's columns; `explanation` is the zh-CN rendering of the structured
 * explanation) with its partner and the English rendering.
 */
export type PayoutLineView = Pick<
  PayoutLineRecord,
  'id' | 'runId' | 'partnerId' | 'kind' | 'basisMinor' | 'attainment' | 'tierReached' | 'rate' | 'amountMinor' | 'explanation' | 'reason' | 'relatesToLineId'
> & {
  partnerCode: PartnerRow['code'];
  partnerName: PartnerRow['name'];
  partnerNameEn: PartnerRow['nameEn'];
  channelType: string;
  region: string | null;
  explanationEn: string;
  inquiries: number;
};

export interface PayoutRunDetail extends PayoutRunRow {
  program: ProgramFile;
  /** Whom the calculation considered and why it left anyone out; null on runs calculated before it was kept. */
  population: Population | null;
  lines: PayoutLineView[];
}

/** A payout run as stored (the drizzle schema's columns, without the frozen documents) with its program and counts. */
export type PayoutRunRow = Pick<
  PayoutRunRecord,
  | 'id'
  | 'programId'
  | 'period'
  | 'version'
  | 'status'
  | 'currency'
  | 'totalMinor'
  | 'inputsFingerprint'
  | 'calculatedAt'
  | 'approvedAt'
  | 'approvedBy'
  | 'paidAt'
  | 'paymentRef'
  | 'voidedAt'
  | 'voidReason'
> & {
  programCode: IncentiveProgramRecord['code'];
  programName: IncentiveProgramRecord['name'];
  programType: IncentiveProgramRecord['type'];
  lineCount: number;
  partnerCount: number;
  openInquiries: number;
};

/** A program as stored (the drizzle schema's columns, without its definition) with how many payout runs it has. */
export type ProgramRow = Pick<IncentiveProgramRecord, 'id' | 'code' | 'name' | 'type' | 'periodKind' | 'currency' | 'validFrom' | 'validTo' | 'active' | 'updatedAt'> & {
  runs: number;
};

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
