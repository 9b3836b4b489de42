import { findEarlierImport } from './earlierImport';
import { importMessage } from '../../../shared/importMessages';
import { hashFile } from './fileHash';
import { basename } from 'node:path';
import type { Workspace } from '../../../db/database';
import { kindSpec } from './kinds';
import { RowValues, type FieldError } from './kinds/kind';
import { headerFits, resolveMapping } from './mapping';
import { openSource } from './openSource';
import { rowErrors } from './importRun';
import { cellText } from './recordSource';
import { suggestColumns } from './headerMatcher';
import type { DateFormat, PreviewInput, RowError } from '../../model/imports';
import { suggestDateFormat } from './valueParsers';
import { ImportPreview } from '../../model/imports';
import { importStore } from './store';


/** Reads the start of a file without writing anything: what was detected, the mapping, rows as they will be stored, errors. */
export async function previewImport(ws: Workspace, input: PreviewInput, now: Date): Promise<ImportPreview> {
  const fileName = input.fileName ?? basename(input.path);
  const mapping = input.mapping ?? null;
  const spec = kindSpec(input.kind);
  const source = await openSource(input.path, {
    encoding: input.encoding ?? mapping?.encoding ?? null,
    delimiter: input.delimiter ?? mapping?.delimiter ?? null,
    sheet: input.sheet ?? mapping?.sheet ?? null,
    fits: headerFits(spec, mapping),
  });
  try {
    const resolved = resolveMapping(spec, source.header, mapping, fileName, false);
    const suggestedColumns = suggestColumns(spec.fields, source.header);
    const run = spec.open({ ws, importId: null, user: '', dateFormat: resolved.dateFormat, values: resolved.values, mapped: new Set([...resolved.index.keys(), ...Object.keys(resolved.defaults)]), now: now.toISOString() });
    const values = new RowValues(resolved.index, resolved);
    // The preview shows the partner's code where a row stores its internal id.
    let codeOf: Map<number, string> | null = null;
    const shownWithCode = (shown: Record<string, unknown>): Record<string, unknown> => {
      if (typeof shown.partnerId !== 'number') return shown;
      codeOf ??= new Map(importStore.partnerCodes(ws).map((p) => [p.id, p.code]));
      const { partnerId, ...rest } = shown;
      return { partnerCode: codeOf.get(partnerId as number) ?? null, ...rest };
    };
    const sampleRows = input.sampleRows ?? 20;
    const checkRows = input.checkRows ?? 2000;
    const rows: ImportPreview['rows'] = [];
    const errors: RowError[] = [];
    const dateSamples: Record<string, unknown[]> = {};
    const dateFields = spec.fields.filter((f) => f.type === 'date' && resolved.index.has(f.name)).map((f) => f.name);
    const enumFields = spec.fields.filter((f) => f.type === 'enum' && resolved.index.has(f.name));
    const unknownValues: Record<string, Set<string>> = {};
    let checked = 0;
    let valid = 0;
    let complete = true;
    for await (const rec of source.records()) {
      if (checked >= checkRows) {
        complete = false;
        break;
      }
      checked++;
      const fe: FieldError[] = [];
      for (const f of dateFields) (dateSamples[f] ??= []).push(values.reset(rec.cells, []).raw(f));
      const stored = resolved.missing.length ? null : run.parse(values.reset(rec.cells, fe, rec.row), fe);
      if (resolved.missing.length) fe.push({ field: null, message: importMessage('noColumnMapped', { fields: resolved.missing }), code: 'noColumnMapped', params: { fields: resolved.missing } });
      for (const f of enumFields) {
        if (fe.some((e) => e.field === f.name && e.message.includes('is not a'))) {
          (unknownValues[f.name] ??= new Set()).add(cellText(values.reset(rec.cells, []).raw(f.name)));
        }
      }
      const re = rowErrors(rec.row, fe, resolved.columns, source.header, rec.cells);
      if (fe.length === 0 && stored !== null) valid++;
      for (const e of re) if (errors.length < 200) errors.push(e);
      if (rows.length < sampleRows) {
        rows.push({ row: rec.row, cells: source.header.map((_, i) => cellText(rec.cells[i] ?? null)), stored: stored === null || fe.length ? null : shownWithCode(run.display(stored)), errors: re });
      }
    }
    let suggestedDateFormat: DateFormat | null = null;
    for (const f of dateFields) suggestedDateFormat ??= suggestDateFormat((dateSamples[f] ?? []) as never[]);
    return {
      fileName,
      fileSize: source.fileSize,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      sheets: source.sheets,
      sheet: source.sheet,
      header: source.header,
      fields: spec.fields.map((f) => ({ name: f.name, type: f.type, required: f.required === true, values: f.values ? [...f.values] : null })),
      suggestedColumns,
      suggestedDateFormat,
      mapping: {
        kind: input.kind,
        sheet: source.sheet,
        encoding: (mapping?.encoding ?? 'auto'),
        delimiter: (mapping?.delimiter ?? 'auto'),
        dateFormat: resolved.dateFormat,
        columns: resolved.columns,
        values: resolved.values,
        defaults: resolved.defaults,
        ...(mapping?.nullValues ? { nullValues: mapping.nullValues } : {}),
      },
      missingRequired: resolved.missing,
      unknownValues: Object.fromEntries(Object.entries(unknownValues).map(([k, v]) => [k, [...v].slice(0, 50)])),
      rows,
      summary: { rowsChecked: checked, valid, invalid: checked - valid, complete, errors },
      alreadyImported: findEarlierImport(ws, input.kind, source.format !== 'csv' ? source.sha256() : (await hashFile(input.path)).sha256, source.sheet),
      skipped: source.skipped(),
    };
  } finally {
    source.close();
  }
}
