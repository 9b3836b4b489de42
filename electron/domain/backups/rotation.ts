import { localDay } from './backupNames';

/**
 * Retention (documented in the README, "Where your data lives, backups and restore"):
 * - daily backups: keep the newest backup of each of the 7 most recent days that have one, plus the newest
 *   backup of each of the 4 most recent weeks (Monday to Sunday) that have one. Counting days *with backups*
 *   (not calendar days) means a laptop left off for a month still keeps its last backups.
 * - before-migration backups: keep the newest 5.
 * - before-<operation> backups (e.g. before every import): keep the newest 10.
 * - manual backups: never deleted automatically.
 */
export const RETENTION = { daily: 7, weekly: 4, migration: 5, beforeOperation: 10 } as const;

export interface Dated {
  at: Date;
  kind: string;
}

/** Monday of the local week containing d, as YYYY-MM-DD. */
export function weekOf(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return localDay(monday);
}

function newestPerBucket<T extends Dated>(items: T[], bucket: (d: Date) => string, buckets: number): T[] {
  const sorted = [...items].sort((a, b) => b.at.getTime() - a.at.getTime());
  const seen = new Map<string, T>();
  for (const it of sorted) {
    const key = bucket(it.at);
    if (!seen.has(key)) {
      if (seen.size >= buckets) break;
      seen.set(key, it);
    }
  }
  return [...seen.values()];
}

function newest<T extends Dated>(items: T[], n: number): T[] {
  return [...items].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, n);
}

/** Which backups to delete under the retention rules; manual and unknown kinds are always kept. */
export function backupsToPrune<T extends Dated>(items: T[], retention = RETENTION): T[] {
  const daily = items.filter((i) => i.kind === 'daily');
  const migration = items.filter((i) => i.kind.startsWith('before-migration-'));
  const beforeOp = items.filter((i) => i.kind.startsWith('before-') && !i.kind.startsWith('before-migration-'));
  const keep = new Set<T>([
    ...newestPerBucket(daily, localDay, retention.daily),
    ...newestPerBucket(daily, weekOf, retention.weekly),
    ...newest(migration, retention.migration),
    ...newest(beforeOp, retention.beforeOperation),
  ]);
  return [...daily, ...migration, ...beforeOp].filter((i) => !keep.has(i));
}
