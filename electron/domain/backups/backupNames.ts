import { basename, extname } from 'node:path';

/**
 * Backup file names: `<workspace stem>_<YYYY-MM-DD>_<HHmmss>-<mmm>_<kind>.sqlite`, local time, e.g.
 * `workspace_2025-03-01_081500-123_daily.sqlite`. The stem lets several workspaces share one folder;
 * the kind says why the backup was taken and which retention rule applies (see rotation.ts).
 */
export type BackupKind = 'daily' | 'manual' | `before-migration-${number}-to-${number}` | `before-${string}`;

export interface BackupName {
  stem: string;
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** The moment, as a Date (local time in the name). */
  at: Date;
  kind: string;
}

const PATTERN = /^(.+)_(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})-(\d{3})_([a-z0-9][a-z0-9.-]*)\.sqlite$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function workspaceStem(workspacePath: string): string {
  const name = basename(workspacePath);
  const ext = extname(name);
  return (ext ? name.slice(0, -ext.length) : name).replace(/[^\p{L}\p{N}.-]/gu, '-') || 'workspace';
}

export function backupFileName(workspacePath: string, kind: string, at: Date): string {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(kind)) throw new Error(`Invalid backup kind: ${kind}`);
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}-${pad(at.getMilliseconds(), 3)}`;
  return `${workspaceStem(workspacePath)}_${localDay(at)}_${time}_${kind}.sqlite`;
}

export function parseBackupName(fileName: string): BackupName | null {
  const m = PATTERN.exec(fileName);
  if (!m) return null;
  const [, stem, y, mo, d, h, mi, s, ms, kind] = m;
  const at = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  if (Number.isNaN(at.getTime())) return null;
  return { stem, day: `${y}-${mo}-${d}`, at, kind };
}

/** The kind used by the `backupBefore` operation option. */
export const beforeOperationKind = (operation: string): BackupKind =>
  `before-${operation.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}` as BackupKind;
