import { z } from 'zod';

export interface WorkspaceInfo {
  path: string;
  schemaVersion: number;
  appSchemaVersion: number;
  counts: Record<string, number>;
  isEmpty: boolean;
  demoOffered: boolean;
  health: WorkspaceHealth;
}

/** "Today" by the workspace's clock (setting company.timeZone, else the machine's zone): what every page defaults to. */
export interface WorkspaceToday {
  today: string;
  /** The zone in effect (IANA): company.timeZone, else the machine's. */
  timeZone: string;
}

/** What is known about the open workspace's integrity (quick_check on open, full check in the background, pwb check). */
export interface WorkspaceHealth {
  status: 'unchecked' | 'ok' | 'damaged';
  findings: string[];
  checkedAt: string | null;
  /** Whether the last verdict came from the full integrity_check (else quick_check). */
  full: boolean;
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



/** Whether the workspace is open or waits for its passphrase (the desktop app asks for it at start). */
export interface UnlockStatus {
  locked: boolean;
  /** The workspace file. */
  workspace: string;
  /** Whether the OS keychain can remember the passphrase on this machine. */
  canRemember: boolean;
  /** Whether a passphrase for this workspace is remembered in the keychain. */
  remembered: boolean;
  /** Why the app is waiting: no passphrase yet, or the remembered one no longer opens the file. */
  reason: 'passphraseNeeded' | 'rememberedRejected' | null;
}

export const unlockInput = z.object({ passphrase: z.string().min(1).max(1024), remember: z.boolean().default(false) }).strict();
