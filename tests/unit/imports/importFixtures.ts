import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { join } from 'node:path';
import type { Api } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';
import type { Workspace } from '../../../db/database';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

/** Creates partners P001..Pnnn through the contract. */
export async function seedPartners(api: Api, n = 3): Promise<void> {
  for (let i = 1; i <= n; i++) await api.send('partners.create', partnerInput(`P${String(i).padStart(3, '0')}`));
}

/**
 * Registers, for each test of the calling describe, a fresh in-memory workspace with partners P001… and the given
 * product list imported, and a temporary folder for the test's files; both closed after the test.
 */
export function importWorkspace(partners: number, productsCsv: string): { ctx: ReturnType<typeof memoryApi>; tmp: ReturnType<typeof tempDir> } {
  const w = {} as { ctx: ReturnType<typeof memoryApi>; tmp: ReturnType<typeof tempDir> };
  beforeEach(async () => {
    w.ctx = memoryApi();
    w.tmp = tempDir();
    await seedPartners(w.ctx.api, partners);
    await w.ctx.api.send('imports.run', { kind: 'products', path: writeFile(w.tmp.dir, 'products.csv', productsCsv) });
  });
  afterEach(() => {
    w.ctx.ws.close();
    w.tmp.cleanup();
  });
  return w;
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Row counts of every table an import can touch: "the database is unchanged" compares two of these. */
export function snapshot(ws: Workspace): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['partners', 'sales_lines', 'targets', 'training_records', 'feedback', 'risks', 'imports', 'import_errors', 'import_changes']) {
    out[t] = (ws.sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  }
  return out;
}

/** Runs a call expected to fail; returns the structured error. */
export async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (ApiError.is(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

export interface ErrorData {
  errors: Array<{ row: number | null; column: string | null; value: string | null; message: string; code?: string; params?: Record<string, unknown> }>;
  rowsRead: number;
  rejected: number;
}
