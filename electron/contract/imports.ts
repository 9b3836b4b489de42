import { z } from 'zod';
import { IMPORT_KINDS } from '../../shared/enums';
import { job, mutation, query, zs } from './operation';
import { ImportPreview, ImportRecord, ImportResult, MappingTemplate, RowError, fileInput, importMapping } from '../model/imports';

export * from '../model/imports';

export const importsContract = {
  /** Reads the start of a file: detected encoding/delimiter/sheets, suggested mapping, rows as stored, validation summary. */
  'imports.preview': query<ImportPreview>()(
    z
      .object({ ...fileInput, sampleRows: z.number().int().min(1).max(200).optional(), checkRows: z.number().int().min(1).max(100_000).optional() })
      .strict(),
  ),
  /** Imports a file in one transaction (all-or-nothing unless acceptValid). */
  'imports.run': job<ImportResult>()(
    z
      .object({
        ...fileInput,
        acceptValid: z.boolean().optional(),
        rejectedPath: zs.filePath.nullable().optional(),
        replace: zs.id.nullable().optional(),
        force: z.boolean().optional(),
        /** Partners: create the territories / channel managers the file names that do not exist yet (default: an error per unknown value). */
        createTerritories: z.boolean().optional(),
        createOwners: z.boolean().optional(),
      })
      .strict(),
    { invalidates: [''], backupBefore: true },
  ),
  'imports.list': query<{ rows: ImportRecord[]; total: number }>()(
    z.object({ kind: z.enum(IMPORT_KINDS).optional(), limit: z.number().int().min(1).max(10_000).optional(), offset: z.number().int().min(0).optional() }).strict(),
  ),
  'imports.get': query<ImportRecord & { mapping: unknown; errors: RowError[]; errorCount: number }>()(z.object({ id: zs.id }).strict()),
  /** Removes what an import inserted and restores what it updated; refused when later changes depend on it. */
  'imports.undo': job<{ importId: number; removed: number; restored: number }>()(z.object({ id: zs.id }).strict(), { invalidates: [''] }),
  'imports.templates.list': query<MappingTemplate[]>()(z.object({ kind: z.enum(IMPORT_KINDS).optional() }).strict()),
  'imports.templates.save': mutation<MappingTemplate>()(z.object({ name: zs.name.max(100), mapping: importMapping }).strict(), { invalidates: ['imports'] }),
  'imports.templates.delete': mutation<{ deleted: boolean }>()(z.object({ name: zs.name.max(100) }).strict(), { invalidates: ['imports'] }),
};
