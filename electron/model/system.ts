import { z } from 'zod';

export interface WorkspaceInfo {
  path: string;
  schemaVersion: number;
  appSchemaVersion: number;
  counts: Record<string, number>;
  isEmpty: boolean;
  demoOffered: boolean;
}

export interface CheckReport {
  ok: boolean;
  integrity: string[];
  foreignKeyViolations: Array<{ table: string; rowid: number; parent: string }>;
  schemaVersion: number;
  appSchemaVersion: number;
  counts: Record<string, number>;
  /** Approved/paid payout runs whose approval seal is missing ('unsealed', approved before seals) or does not match ('broken'). */
  payoutSeals: Array<{ runId: number; status: string; problem: 'unsealed' | 'broken' }>;
}

export const settingKey = z.string().regex(/^[a-z][a-zA-Z0-9_.]{0,99}$/);

