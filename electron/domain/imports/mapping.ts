import type { ImportKind } from '../../../shared/enums';
import { normalizeHeader, suggestColumns } from './headerMatcher';
import { fileRefused, type FileProblem } from './importFailure';
import { importMessage } from '../../../shared/importMessages';
import type { KindSpec } from './kinds/kind';
import { NULL_VALUES, type DateFormat, type ImportMapping } from '../../model/imports';

export interface ResolvedMapping {
  kind: ImportKind;
  /** field → header text, as used */
  columns: Record<string, string>;
  /** field → index in the row */
  index: Map<string, number>;
  dateFormat: DateFormat | null;
  values: Record<string, Record<string, string>>;
  /** Upper-cased texts read as "no value" in optional fields. */
  nullValues: ReadonlySet<string>;
  /** field → value for rows (partners: new partners) without one: the kind's own defaults, then the mapping's. */
  defaults: Record<string, string>;
  /** Required fields without a column. */
  missing: string[];
}

/** Finds a header: exactly, else by its normalised form (case, width, spaces, punctuation). */
function headerIndex(header: readonly string[], wanted: string): number {
  const exact = header.indexOf(wanted);
  if (exact >= 0) return exact;
  const n = normalizeHeader(wanted);
  return header.findIndex((h) => normalizeHeader(h) === n);
}

/**
 * Whether a header holds what an import of this kind needs with this mapping (or, without one, the header words): every
 * required field found and every mapped column present. Used to find the data sheet of a workbook (openSource `fits`).
 */
export function headerFits(spec: KindSpec, mapping: ImportMapping | null | undefined): (header: readonly string[]) => boolean {
  return (header) => {
    try {
      const r = resolveMapping(spec, header, mapping, '', true);
      return r.missing.length === 0;
    } catch {
      return false;
    }
  };
}

/**
 * The mapping as used for a file: the given one (its field names checked against the kind, its headers against the file)
 * or, without one, the suggestion from the header words. `strict` makes problems fatal (a run), else they are reported (a preview).
 */
export function resolveMapping(spec: KindSpec, header: readonly string[], mapping: ImportMapping | null | undefined, fileName: string, strict: boolean): ResolvedMapping {
  if (mapping && mapping.kind !== spec.kind) {
    throw fileRefused(`The mapping is for ${mapping.kind}, not ${spec.kind}`, { fileName }, { code: 'mappingOtherKind', params: { mapping: mapping.kind, kind: spec.kind } });
  }
  const known = new Set(spec.fields.map((f) => f.name));
  const columns = mapping?.columns && Object.keys(mapping.columns).length ? { ...mapping.columns } : suggestColumns(spec.fields, header);
  const index = new Map<string, number>();
  const problems: FileProblem[] = [];
  for (const [field, h] of Object.entries(columns)) {
    if (!known.has(field)) {
      problems.push({ code: 'notAField', params: { field, kind: spec.kind, fields: [...known] } });
      continue;
    }
    if (!h) {
      delete columns[field];
      continue;
    }
    const i = headerIndex(header, h);
    if (i < 0) problems.push({ code: 'columnNotInFile', params: { column: h, field, fileName, columns: [...header] } });
    else {
      index.set(field, i);
      columns[field] = header[i];
    }
  }
  for (const [field, map] of Object.entries(mapping?.values ?? {})) {
    if (!known.has(field)) problems.push({ code: 'notAField', params: { field, kind: spec.kind, where: 'values' } });
    else if (typeof map !== 'object' || map === null) problems.push({ code: 'valuesNotMap', params: { field } });
  }
  const defaults: Record<string, string> = { ...(spec.defaults ?? {}) };
  for (const [field, value] of Object.entries(mapping?.defaults ?? {})) {
    if (!known.has(field)) problems.push({ code: 'notAField', params: { field, kind: spec.kind, where: 'defaults' } });
    else if (value.trim() === '') delete defaults[field];
    else defaults[field] = value;
  }
  const nullValues = new Set((mapping?.nullValues ?? NULL_VALUES).map((v) => v.trim().toUpperCase()).filter((v) => v !== ''));
  const missing = spec.fields.filter((f) => f.required && !index.has(f.name) && defaults[f.name] === undefined).map((f) => f.name);
  if (strict) {
    if (missing.length) problems.push({ code: 'missingColumns', params: { fields: missing, fileName, columns: [...header] } });
    if (problems.length) {
      throw fileRefused(`${fileName}: ${problems.map((p) => importMessage(p.code, p.params)).join('; ')}`, { fileName, row: 1 }, ...problems);
    }
  }
  return { kind: spec.kind, columns, index, dateFormat: mapping?.dateFormat ?? null, values: mapping?.values ?? {}, nullValues, defaults, missing };
}
