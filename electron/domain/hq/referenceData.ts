import type pg from 'pg';
import { withReferenceWrites, type Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { hqProductPrices, mirrorReference, releaseReference } from './referenceMirror';
import { hqReferenceStore, referenceStore } from './store';
import { workspaceClock } from '../system/workspaceClock';
import type { HqReferenceItem } from '../../model/hq';

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
    if (kind === 'product' && it.data?.prices !== undefined) hqProductPrices(it.code, it.data.prices);
  }
  await client.query('BEGIN');
  try {
    let upserted = 0;
    for (const it of items) upserted += await hqReferenceStore.upsert(client, kind, { code: it.code, name: it.name, data: it.data ?? {} });
    const deleted = await hqReferenceStore.withdrawOthers(client, kind, [...seen]);
    await client.query('COMMIT');
    return { kind, upserted, deleted };
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
export async function pullReference(ws: Workspace, client: pg.Client, now = workspaceClock(ws).now().toISOString()): Promise<PullResult> {
  const rows = await hqReferenceStore.all(client);
  const local = new Map(referenceStore.versions(ws).map((x) => [`${x.kind}\u0000${x.code}`, x.version]));
  const result: PullResult = { kinds: {}, added: 0, updated: 0, removed: 0, version: 0 };
  withReferenceWrites(ws.sqlite, () =>
    ws.sqlite.transaction(() => {
      const atHq = new Set<string>();
      for (const x of rows) {
        const key = `${x.kind}\u0000${x.code}`;
        const version = x.version;
        result.version = Math.max(result.version, version);
        if (x.deleted) {
          if (local.has(key)) {
            referenceStore.remove(ws, x.kind, x.code);
            releaseReference(ws, x.kind, x.code, now);
            result.removed++;
          }
          continue;
        }
        atHq.add(key);
        result.kinds[x.kind] = (result.kinds[x.kind] ?? 0) + 1;
        const had = local.get(key);
        if (had === version) continue;
        referenceStore.upsert(ws, { kind: x.kind, code: x.code, version, name: x.name, data: x.data, pulledAt: now });
        mirrorReference(ws, { kind: x.kind, code: x.code, name: x.name, version, data: x.data ?? {} }, now);
        if (had === undefined) result.added++;
        else result.updated++;
      }
      for (const key of local.keys()) {
        if (atHq.has(key)) continue;
        const [kind, code] = key.split('\u0000');
        if (rows.some((x) => x.kind === kind && x.code === code)) continue;
        referenceStore.remove(ws, kind, code);
        releaseReference(ws, kind, code, now);
        result.removed++;
      }
    })(),
  );
  return result;
}

export function listReference(ws: Workspace, kind?: ReferenceKind): HqReferenceItem[] {
  return referenceStore.list(ws, kind);
}
