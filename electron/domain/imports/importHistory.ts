import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { RowError } from '../../model/imports';
import { ImportRecord } from '../../model/imports';

const SELECT = `select id, kind, file_name as fileName, file_size as fileSize, sha256, status, rows_read as rowsRead, inserted, updated,
  duplicates, rejected, duration_ms as durationMs, started_at as startedAt, finished_at as finishedAt, undone_at as undoneAt, user from imports`;

export function listImports(ws: Workspace, opts: { kind?: string; limit?: number; offset?: number } = {}): { rows: ImportRecord[]; total: number } {
  const where = opts.kind ? ' where kind = ?' : '';
  const args = opts.kind ? [opts.kind] : [];
  const rows = ws.sqlite.prepare(`${SELECT}${where} order by id desc limit ? offset ?`).all(...args, opts.limit ?? 500, opts.offset ?? 0) as ImportRecord[];
  const total = (ws.sqlite.prepare(`select count(*) as n from imports${where}`).get(...args) as { n: number }).n;
  return { rows, total };
}

export function getImport(ws: Workspace, id: number, errorLimit = 1000): ImportRecord & { mapping: unknown; errors: RowError[]; errorCount: number } {
  const row = ws.sqlite.prepare(`${SELECT} where id = ?`).get(id) as ImportRecord | undefined;
  if (!row) throw new DomainError(`Import ${id} not found`, 'NOT_FOUND');
  const mapping = (ws.sqlite.prepare('select mapping from imports where id = ?').get(id) as { mapping: string | null }).mapping;
  const errors = ws.sqlite
    .prepare('select row_number as row, column, value, message from import_errors where import_id = ? order by id limit ?')
    .all(id, errorLimit) as RowError[];
  const errorCount = (ws.sqlite.prepare('select count(*) as n from import_errors where import_id = ?').get(id) as { n: number }).n;
  return { ...row, mapping: mapping ? JSON.parse(mapping) : null, errors, errorCount };
}
