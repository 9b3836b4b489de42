import type { Workspace } from '../../../db/database';
import type { ImportKind } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { EarlierImport } from '../../model/imports';
import { importStore } from './store';

/**
 * The newest committed (not undone) import of this kind that read the same sheet of a file with this SHA-256 and
 * changed something (an import that added and updated nothing cannot be doubled), if any.
 */
export function findEarlierImport(ws: Workspace, kind: ImportKind, sha256: string, sheet: string | null): EarlierImport | null {
  const r = importStore.earlier(ws, kind, sha256, sheet);
  return r ? { importId: r.id, fileName: r.file_name, finishedAt: r.finished_at, rowsRead: r.rows_read, inserted: r.inserted, updated: r.updated } : null;
}

/**
 * The same file content imported again: refused unless the user chose to replace that import or to import anyway.
 * A changed mapping (one more column mapped) changes what a line without a line reference looks like, so duplicates
 * cannot be recognised line by line; the file's SHA-256 can.
 */
export class AlreadyImported extends DomainError {
  constructor(
    fileName: string,
    readonly earlier: EarlierImport,
  ) {
    const params = { fileName, importId: earlier.importId, earlierFile: earlier.fileName, at: earlier.finishedAt?.slice(0, 16).replace('T', ' ') ?? '?', rowsRead: earlier.rowsRead, inserted: earlier.inserted, updated: earlier.updated };
    super(
      `${fileName} was already imported: import ${earlier.importId} (${earlier.fileName}, ${params.at} UTC, ${earlier.rowsRead} rows, ${earlier.inserted} inserted, ${earlier.updated} updated). Importing it again could double its lines: replace that import (--replace ${earlier.importId}: undo it and import this file in one transaction) or import anyway (--force)`,
      'CONFLICT',
      { reason: 'importAlreadyImported', params, alreadyImported: earlier },
    );
  }
}
