import { readFileSync, writeFileSync } from 'node:fs';
import type { OpContext } from '../opContext';
import { ZodError } from 'zod';
import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { issueParams, type IssueLike } from '../../../shared/validationMessages';
import { parseProgramFile, type ProgramFile } from '../../model/programs';
import { ProgramRow, ProgramWithDefinition } from '../../model/incentives';
import { programStore, type StoredProgram } from './store';
import { notFound } from '../../../shared/errorMessages';

const toRow = (r: StoredProgram): ProgramWithDefinition => ({ ...r, definition: r.definition as ProgramFile });

export function listPrograms(ws: Workspace): ProgramRow[] {
  return programStore.list(ws).map(({ definition: _d, ...rest }) => rest);
}

export function getProgram(ws: Workspace, ref: { id?: number; code?: string }): ProgramWithDefinition {
  const r = ref.id != null ? programStore.byId(ws, ref.id) : programStore.byCode(ws, ref.code ?? '');
  if (!r) throw new DomainError(`No incentive program ${ref.id ?? ref.code}`, 'NOT_FOUND', notFound('program', ref.id ?? ref.code));
  return toRow(r);
}

/** Validates a program file and inserts it, or replaces the program with the same code. Runs keep their own snapshot. */
export function saveProgram(ctx: Pick<OpContext, 'ws' | 'clock'>, raw: unknown): { before: ProgramWithDefinition | null; after: ProgramWithDefinition } {
  const { ws } = ctx;
  const at = ctx.clock.now();
  const def = parseProgramFile(raw);
  const existing = programStore.byCode(ws, def.code);
  const before = existing ? toRow(existing) : null;
  const values = { name: def.name, type: def.type, periodKind: def.periodKind, currency: def.currency, validFrom: def.validFrom, validTo: def.validTo ?? null, definition: def };
  if (existing) programStore.update(ws, existing.id, values, at.toISOString());
  else programStore.insert(ws, def.code, values, at.toISOString());
  return { before, after: getProgram(ws, { code: def.code }) };
}

/** Deletes a program that has no payout runs (runs are history: a program with runs is deactivated instead). */
export function deleteProgram(ctx: Pick<OpContext, 'ws' | 'clock'>, id: number): { before: ProgramWithDefinition; deleted: boolean } {
  const { ws } = ctx;
  const before = getProgram(ws, { id });
  if (before.runs > 0) {
    programStore.deactivate(ws, id, ctx.clock.now().toISOString());
    return { before, deleted: false };
  }
  programStore.remove(ws, id);
  return { before, deleted: true };
}

/** What JSON.parse stopped at, as far as its message says (V8: "Unexpected token '}', …", "… at position 42 (line 3 column 5)"). */
function jsonErrorWhere(message: string): { line?: number; column?: number; position?: number; token?: string; end?: boolean } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return { position: Number(pos[1]) };
  if (/end of JSON input/i.test(message)) return { end: true };
  const token = /Unexpected (?:token|non-whitespace character)\s*'?(.)'?/.exec(message);
  return token ? { token: token[1] } : {};
}

/** A program file's content: one program object or an array of them. */
export function parseProgramsJson(text: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DomainError(`Not valid JSON: ${(e as Error).message}`, 'DOMAIN', { reason: 'programNotJson', params: jsonErrorWhere((e as Error).message) });
  }
  const list = Array.isArray(data) ? data : (data as { programs?: unknown[] })?.programs && Array.isArray((data as { programs: unknown[] }).programs) ? (data as { programs: unknown[] }).programs : [data];
  return list;
}

/** Imports every program of a file (all or nothing: the caller's transaction). Errors name the program's position. */
export function importPrograms(ctx: Pick<OpContext, 'ws' | 'clock'>, source: { path?: string; content?: string }): Array<{ before: ProgramWithDefinition | null; after: ProgramWithDefinition }> {
  let text: string;
  if (source.content != null) text = source.content;
  else {
    try {
      text = readFileSync(source.path!, 'utf8');
    } catch (e) {
      throw new DomainError(`Cannot read ${source.path}: ${(e as Error).message}`, 'NOT_FOUND', notFound('file', source.path));
    }
  }
  const list = parseProgramsJson(text);
  return list.map((raw, i) => {
    try {
      return saveProgram(ctx, raw);
    } catch (e) {
      if (e instanceof ZodError) {
        const issues = e.issues.map((x) => ({ path: [`[${i}]`, ...x.path.map(String)].join('.'), message: x.message, code: x.code, params: issueParams(x as IssueLike) }));
        const inFile = issues.map((x) => ({ ...x, path: x.path.replace(/^\[\d+\]\.?/, '') }));
        throw new DomainError(`Program ${i + 1} of the file is invalid: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`, 'DOMAIN', {
          issues,
          reason: 'programFileInvalid',
          params: { index: i + 1, issues: inFile },
        });
      }
      throw e;
    }
  });
}

export function exportPrograms(ws: Workspace, ids: number[] | undefined, out?: string): { programs: ProgramFile[]; path: string | null } {
  const rows = ids?.length ? ids.map((id) => getProgram(ws, { id })) : listPrograms(ws).map((r) => getProgram(ws, { id: r.id }));
  const programs = rows.map((r) => r.definition);
  if (out) writeFileSync(out, `${JSON.stringify(programs.length === 1 ? programs[0] : programs, null, 2)}\n`, 'utf8');
  return { programs, path: out ?? null };
}
