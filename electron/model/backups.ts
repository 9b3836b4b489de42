
export interface BackupFileInfo {
  path: string;
  name: string;
  /** daily | manual | before-migration-<from>-to-<to> | before-<operation> */
  kind: string;
  at: string;
  bytes: number;
}

/** What a backup file holds and whether it can be restored (see inspectBackup). */
export type BackupInspectionInfo = BackupInspection;

export interface RestoreOutcome {
  path: string;
  from: string;
  replacedPath: string | null;
  schemaVersionBefore: number | null;
  schemaVersion: number;
}

export interface BackupInspection {
  path: string;
  bytes: number;
  ok: boolean;
  /** What makes the file unusable as a workspace; empty when ok (English, for logs). */
  problems: string[];
  /** The same problems as reasons + params (shared/errorMessages `backup.*`), worded in the reader's language. */
  issues: Array<{ reason: string; params: Record<string, unknown> }>;
  integrity: string[];
  schemaVersion: number | null;
  appSchemaVersion: number;
  /** Row counts of a few main tables, to show before restoring. */
  counts: Record<string, number>;
  /** Newest audit record in the file (roughly: when it was last changed). */
  lastChangeAt: string | null;
}
