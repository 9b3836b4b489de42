import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { ImportRecord, RowError } from '../../model/imports';
import { importStore } from './store';
import { notFound } from '../../../shared/errorMessages';

export function listImports(ws: Workspace, opts: { kind?: string; limit?: number; offset?: number } = {}): { rows: ImportRecord[]; total: number } {
  return importStore.list(ws, { kind: opts.kind, limit: opts.limit ?? 500, offset: opts.offset ?? 0 });
}

export function getImport(ws: Workspace, id: number, errorLimit = 1000): ImportRecord & { mapping: unknown; errors: RowError[]; errorCount: number } {
  const found = importStore.byId(ws, id);
  if (!found) throw new DomainError(`Import ${id} not found`, 'NOT_FOUND', notFound('import', id));
  const { mapping, ...row } = found;
  const { errors, count } = importStore.errors(ws, id, errorLimit);
  return { ...row, mapping: mapping ? JSON.parse(mapping) : null, errors, errorCount: count };
}
