import { readFileSync, writeFileSync } from 'node:fs';
import { ZodError } from 'zod';
import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { parseProgramFile, type ProgramFile } from '../../model/programs';
import { ProgramRow, ProgramWithDefinition } from '../../model/incentives';

const SELECT = `select p.id, p.code, p.name, p.type, p.period_kind as periodKind, p.currency, p.valid_from as validFrom, p.valid_to as validTo,
  p.active, p.updated_at as updatedAt, p.definition, (select count(*) from payout_runs r where r.program_id = p.id) as runs from incentive_programs p`;

type Raw = Omit<ProgramRow, 'active'> & { active: number; definition: string };
const toRow = (r: Raw): ProgramWithDefinition => ({ ...r, active: Boolean(r.active), definition: JSON.parse(r.definition) as ProgramFile });

export function listPrograms(ws: Workspace): ProgramRow[] {
  return (ws.sqlite.prepare(`${SELECT} order by p.valid_from desc, p.code`).all() as Raw[]).map((r) => {
    const { definition: _d, ...rest } = toRow(r);
    return rest;
  });
}

export function getProgram(ws: Workspace, ref: { id?: number; code?: string }): ProgramWithDefinition {
  const r = (ref.id != null ? ws.sqlite.prepare(`${SELECT} where p.id = ?`).get(ref.id) : ws.sqlite.prepare(`${SELECT} where p.code = ?`).get(ref.code)) as Raw | undefined;
  if (!r) throw new DomainError(`No incentive program ${ref.id ?? ref.code}`, 'NOT_FOUND');
  return toRow(r);
}

/** Validates a program file and inserts it, or replaces the program with the same code. Runs keep their own snapshot. */
export function saveProgram(ws: Workspace, raw: unknown): { before: ProgramWithDefinition | null; after: ProgramWithDefinition } {
  const def = parseProgramFile(raw);
  const existing = ws.sqlite.prepare('select id from incentive_programs where code = ?').get(def.code) as { id: number } | undefined;
  const before = existing ? getProgram(ws, { id: existing.id }) : null;
  const now = new Date().toISOString();
  const values = [def.name, def.type, def.periodKind, def.currency, def.validFrom, def.validTo ?? null, JSON.stringify(def)];
  if (existing) {
    ws.sqlite
      .prepare('update incentive_programs set name = ?, type = ?, period_kind = ?, currency = ?, valid_from = ?, valid_to = ?, definition = ?, updated_at = ? where id = ?')
      .run(...values, now, existing.id);
  } else {
    ws.sqlite
      .prepare('insert into incentive_programs (code, name, type, period_kind, currency, valid_from, valid_to, definition) values (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(def.code, ...values);
  }
  return { before, after: getProgram(ws, { code: def.code }) };
}

/** Deletes a program that has no payout runs (runs are history: a program with runs is deactivated instead). */
export function deleteProgram(ws: Workspace, id: number): { before: ProgramWithDefinition; deleted: boolean } {
  const before = getProgram(ws, { id });
  if (before.runs > 0) {
    ws.sqlite.prepare('update incentive_programs set active = 0, updated_at = ? where id = ?').run(new Date().toISOString(), id);
    return { before, deleted: false };
  }
  ws.sqlite.prepare('delete from incentive_programs where id = ?').run(id);
  return { before, deleted: true };
}

/** A program file's content: one program object or an array of them. */
export function parseProgramsJson(text: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DomainError(`Not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { programs?: unknown[] })?.programs && Array.isArray((data as { programs: unknown[] }).programs) ? (data as { programs: unknown[] }).programs : [data];
  return list;
}

/** Imports every program of a file (all or nothing: the caller's transaction). Errors name the program's position. */
export function importPrograms(ws: Workspace, source: { path?: string; content?: string }): Array<{ before: ProgramWithDefinition | null; after: ProgramWithDefinition }> {
  let text: string;
  if (source.content != null) text = source.content;
  else {
    try {
      text = readFileSync(source.path!, 'utf8');
    } catch (e) {
      throw new DomainError(`Cannot read ${source.path}: ${(e as Error).message}`, 'NOT_FOUND');
    }
  }
  const list = parseProgramsJson(text);
  return list.map((raw, i) => {
    try {
      return saveProgram(ws, raw);
    } catch (e) {
      if (e instanceof ZodError) {
        const issues = e.issues.map((x) => ({ path: [`[${i}]`, ...x.path.map(String)].join('.'), message: x.message }));
        throw new DomainError(`Program ${i + 1} of the file is invalid: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`, 'DOMAIN', { issues });
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
