import type pg from 'pg';
import { withReferenceWrites, type Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { mirrorReference, releaseReference } from './referenceMirror';

export const REFERENCE_KINDS = ['territory', 'product', 'course', 'program_template'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface ReferenceItem {
  code: string;
  name: string;
  data?: Record<string, unknown>;
}

export function referenceKind(kind: string): ReferenceKind {
  if (!(REFERENCE_KINDS as readonly string[]).includes(kind)) throw new DomainError(`Unknown reference data kind ${kind} (one of ${REFERENCE_KINDS.join(', ')})`, 'DOMAIN', { reason: 'KIND', params: { kind } });
  return kind as ReferenceKind;
}

/**
 * HQ publishes the company-wide list of one kind: items are inserted or updated (a new version each, by the HQ
 * trigger), items no longer in the list are kept as deleted tombstones so regions remove them on their next pull.
 */
export async function publishReference(client: pg.Client, kind: ReferenceKind, items: ReferenceItem[]): Promise<{ kind: ReferenceKind; upserted: number; deleted: number }> {
  const seen = new Set<string>();
  for (const it of items) {
    if (!it.code?.trim() || !it.name?.trim()) throw new DomainError(`Every ${kind} needs a code and a name`, 'DOMAIN', { reason: 'ITEM' });
    if (seen.has(it.code)) throw new DomainError(`${kind} ${it.code} appears twice`, 'DOMAIN', { reason: 'DUPLICATE', params: { code: it.code } });
    seen.add(it.code);
  }
  await client.query('BEGIN');
  try {
    let upserted = 0;
    for (const it of items) {
      const r = await client.query(
        `INSERT INTO hq.reference_data (kind, code, name, data, version) VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (kind, code) DO UPDATE SET name = EXCLUDED.name, data = EXCLUDED.data, deleted = false
         WHERE reference_data.name IS DISTINCT FROM EXCLUDED.name OR reference_data.data IS DISTINCT FROM EXCLUDED.data OR reference_data.deleted`,
        [kind, it.code, it.name, JSON.stringify(it.data ?? {})],
      );
      upserted += r.rowCount ?? 0;
    }
    const del = await client.query('UPDATE hq.reference_data SET deleted = true WHERE kind = $1 AND NOT deleted AND NOT (code = ANY($2::text[]))', [kind, [...seen]]);
    await client.query('COMMIT');
    return { kind, upserted, deleted: del.rowCount ?? 0 };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export interface PullResult {
  /** Items held after the pull, per kind. */
  kinds: Record<string, number>;
  added: number;
  updated: number;
  removed: number;
  /** The highest version pulled. */
  version: number;
}

/** Brings HQ's reference data down into the workspace's read-only hq_reference table, in one transaction. */
export async function pullReference(ws: Workspace, client: pg.Client, now = new Date().toISOString()): Promise<PullResult> {
  const r = await client.query<{ kind: string; code: string; name: string; data: Record<string, unknown>; version: string; deleted: boolean }>(
    'SELECT kind, code, name, data, version, deleted FROM hq.reference_data ORDER BY kind, code',
  );
  const { sqlite } = ws;
  const local = new Map(
    (sqlite.prepare('SELECT kind, code, version FROM hq_reference').all() as Array<{ kind: string; code: string; version: number }>).map((x) => [`${x.kind}\u0000${x.code}`, x.version]),
  );
  const result: PullResult = { kinds: {}, added: 0, updated: 0, removed: 0, version: 0 };
  withReferenceWrites(sqlite, () =>
    sqlite.transaction(() => {
      const upsert = sqlite.prepare(
        `INSERT INTO hq_reference (kind, code, version, name, data, pulled_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, code) DO UPDATE SET version = excluded.version, name = excluded.name, data = excluded.data, pulled_at = excluded.pulled_at`,
      );
      const remove = sqlite.prepare('DELETE FROM hq_reference WHERE kind = ? AND code = ?');
      const atHq = new Set<string>();
      for (const x of r.rows) {
        const key = `${x.kind}\u0000${x.code}`;
        const version = Number(x.version);
        result.version = Math.max(result.version, version);
        if (x.deleted) {
          if (local.has(key)) {
            remove.run(x.kind, x.code);
            releaseReference(ws, x.kind, x.code);
            result.removed++;
          }
          continue;
        }
        atHq.add(key);
        result.kinds[x.kind] = (result.kinds[x.kind] ?? 0) + 1;
        const had = local.get(key);
        if (had === version) continue;
        upsert.run(x.kind, x.code, version, x.name, JSON.stringify(x.data), now);
        mirrorReference(ws, { kind: x.kind, code: x.code, name: x.name, version, data: x.data ?? {} });
        if (had === undefined) result.added++;
        else result.updated++;
      }
      for (const key of local.keys()) {
        if (atHq.has(key)) continue;
        const [kind, code] = key.split('\u0000');
        if (r.rows.some((x) => x.kind === kind && x.code === code)) continue;
        remove.run(kind, code);
        releaseReference(ws, kind, code);
        result.removed++;
      }
    })(),
  );
  return result;
}

export interface LocalReferenceItem {
  kind: string;
  code: string;
  name: string;
  version: number;
  data: Record<string, unknown>;
  pulledAt: string;
}

export function listReference(ws: Workspace, kind?: ReferenceKind): LocalReferenceItem[] {
  const rows = ws.sqlite
    .prepare(`SELECT kind, code, name, version, data, pulled_at AS pulledAt FROM hq_reference ${kind ? 'WHERE kind = ?' : ''} ORDER BY kind, code`)
    .all(...(kind ? [kind] : [])) as Array<Omit<LocalReferenceItem, 'data'> & { data: string }>;
  return rows.map((x) => ({ ...x, data: JSON.parse(x.data) as Record<string, unknown> }));
}
