import { z } from 'zod';
import type { RiskTextParams } from '../../shared/riskTexts';
import type { hqReference } from '../../db/schema';

export interface HqStatus {
  workspaceId: string;
  officeName: string | null;
  /** The HQ address without password; null when no HQ is configured. */
  url: string | null;
  /** A key file holding the password (else PGPASSWORD / ~/.pgpass of the user running the app). */
  passwordFile: string | null;
  /** Whether the OS keychain can keep the password here (desktop app with a keychain), and whether it keeps one for this address. */
  keychain: 'available' | 'unavailable';
  passwordInKeychain: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: PublishFailure | null;
  /** Changes waiting to be published. */
  pending: number;
}

/**
 * Why the last publish failed, as stored in the workspace: the refusal's reason and params (rendered in the reader's
 * language by shared/errorMessages, like any refusal) and its English message for logs. A failure recorded before
 * reasons were stored has its message only.
 */
export interface PublishFailure {
  message: string;
  reason?: string;
  params?: Record<string, unknown>;
}

export const hqUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a postgres:// address, e.g. postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full')
  .refine((u) => {
    try {
      return !new URL(u).password;
    } catch {
      return false;
    }
  }, 'no password in the address: keep it in a key file, PGPASSWORD or ~/.pgpass');

/** An open risk as HQ holds it (hq.open_risks()). */
export interface HqOpenRisk {
  office: string;
  code: string;
  partnerCode: string | null;
  category: string | null;
  score: number | null;
  level: string | null;
  status: string;
  owner: string | null;
  nextReviewOn: string | null;
  title: string;
  description: string | null;
  textCode: string | null;
  textParams: RiskTextParams | null;
}

export interface HqDashboard {
  period: string;
  /** The period's first and last day: a fiscal period when the company's fiscal year does not start in January. */
  start: string;
  end: string;
  fiscalStartMonth: number;
  revenueByOffice: Array<{ office: string; revenueMinor: number; partners: number }>;
  revenueByTerritory: Array<{ office: string; territory: string | null; revenueMinor: number }>;
  grades: Array<{ grade: string; partners: number }>;
  top: HqReportRow[];
  bottom: HqReportRow[];
  payoutsByOffice: Array<{ office: string; payoutMinor: number }>;
  risksByLevel: Array<{ level: string; open: number }>;
  /**
   * The open risks with the highest score company-wide (at most 20): a risk the workbench raised carries its words as
   * text code + params (the reader's language renders them, shared/riskTexts), `title`/`description` are the stored
   * fallback (zh-CN for raised risks, as typed for the others).
   */
  topRisks: HqOpenRisk[];
  /** From the published audit summary: audited operations in the period per office, refusals among them, people, the last one (ISO instant). */
  activityByOffice: Array<{ office: string; operations: number; refused: number; users: number; lastAt: string }>;
}

export interface PublishResult {
  office: string;
  workspaceId: string;
  /** Change-log entries sent (a row changed three times since the last publish counts three). */
  changes: number;
  /** Rows written at HQ (inserted or updated) and removed there. */
  upserted: number;
  deleted: number;
  batches: number;
  highWater: number;
  /** True when HQ did not match this workspace's history (another HQ, a restored HQ or workspace) and everything was sent again. */
  resynced: boolean;
  tables: Record<string, { upserted: number; deleted: number }>;
  elapsedMs: number;
}

export interface HqReportRow {
  office: string;
  partnerCode: string;
  revenueMinor: number;
  orders: number;
  attainment: number | null;
  grade: string | null;
  payoutMinor: number;
}

/** An item of HQ reference data pulled into this workspace (read-only here). */
/** A row of hq_reference, the reference data pulled from HQ (`version`: HQ's version of the item when it was pulled). */
export type HqReferenceItem = typeof hqReference.$inferSelect;

/** A conflict across offices, reported and never merged. */
export interface HqConflict {
  kind: 'partner_code' | 'credit_code' | 'deal_customer';
  /** The partner code, credit code or customer key the offices share. */
  key: string;
  offices: string[];
  /** Per office, the partner codes involved. */
  partners: Array<{ office: string; partnerCode: string; name: string | null }>;
}
