import { z } from 'zod';
import { IMPORT_KINDS } from '../../shared/enums';
import { EVERY_QUERY, job, mutation, query, zs } from './operation';
import { ImportPreview, ImportRecord, ImportResult, MappingTemplate, RowError, importMapping, previewInput, runImportInput } from '../model/imports';

export * from '../model/imports';

export const importsContract = {
  /** Reads the start of a file: detected encoding/delimiter/sheets, suggested mapping, rows as stored, validation summary. */
  'imports.preview': query<ImportPreview>()(previewInput),
  /** Imports a file in one transaction (all-or-nothing unless acceptValid). */
  'imports.run': job<ImportResult>()(runImportInput, { invalidates: [EVERY_QUERY], backupBefore: true }),
  'imports.list': query<{ rows: ImportRecord[]; total: number }>()(
    z.object({ kind: z.enum(IMPORT_KINDS).optional(), limit: z.number().int().min(1).max(10_000).optional(), offset: z.number().int().min(0).optional() }).strict(),
  ),
  'imports.get': query<ImportRecord & { mapping: unknown; errors: RowError[]; errorCount: number }>()(z.object({ id: zs.id }).strict()),
  /** Removes what an import inserted and restores what it updated; refused when later changes depend on it. */
  'imports.undo': job<{ importId: number; removed: number; restored: number }>()(z.object({ id: zs.id }).strict(), { invalidates: [EVERY_QUERY] }),
  'imports.templates.list': query<MappingTemplate[]>()(z.object({ kind: z.enum(IMPORT_KINDS).optional() }).strict()),
  'imports.templates.save': mutation<MappingTemplate>()(z.object({ name: zs.name.max(100), mapping: importMapping }).strict(), { invalidates: ['imports'] }),
  'imports.templates.delete': mutation<{ deleted: boolean }>()(z.object({ name: zs.name.max(100) }).strict(), { invalidates: ['imports'] }),
};
