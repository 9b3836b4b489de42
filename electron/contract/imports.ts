import { z } from 'zod';
import { IMPORT_KINDS } from '../../shared/enums';
import type { ImportPreview } from '../domain/imports/importPreview';
import type { ImportRecord } from '../domain/imports/importHistory';
import type { MappingTemplate } from '../domain/imports/mappingTemplates';
import { DATE_FORMATS, DELIMITERS, ENCODINGS, type ImportResult, type RowError } from '../domain/imports/types';
import { job, mutation, query, zs } from './operation';

const fieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'a target field name such as partnerCode');

/** The mapping file / template: which column feeds which field, and how to read the file. */
export const importMapping = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    sheet: z.string().max(200).nullable().optional(),
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    dateFormat: z.enum(DATE_FORMATS).nullable().optional(),
    columns: z.record(fieldName, z.string().max(200)),
    values: z.record(fieldName, z.record(z.string().max(200), z.string().max(100))).optional(),
    nullValues: z.array(z.string().max(50)).max(50).optional(),
    defaults: z.record(fieldName, z.string().max(200)).optional(),
  })
  .strict();

const encodingInput = z.string().regex(/^[a-zA-Z0-9-]{1,20}$/).optional();

const fileInput = {
  kind: z.enum(IMPORT_KINDS),
  path: zs.filePath,
  fileName: z.string().min(1).max(255).optional(),
  mapping: importMapping.nullable().optional(),
  sheet: z.string().max(200).nullable().optional(),
  encoding: encodingInput,
  delimiter: z.enum(DELIMITERS).optional(),
};

export type { ImportPreview, ImportRecord, ImportResult, MappingTemplate, RowError };
export type { DateFormat, EncodingChoice, ImportMapping } from '../domain/imports/types';
export { DATE_FORMATS, ENCODINGS };

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
