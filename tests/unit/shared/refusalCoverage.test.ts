import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasReasonWords } from '../../../shared/errorMessages';

/**
 * The standing rule "no error shown as programmer text", kept for new code: every `new DomainError(…)` in electron/
 * carries a reason (`reason: '…'` or a helper: notFound, alreadyExists, wrongStatus) whose words are in
 * shared/errorMessages.ts — or is one of the programmer guards below, which no input through the contract reaches
 * (README "Where refusals are worded").
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const GUARDS = new Map<string, number>([
  ['electron/domain/plans/allocation.ts', 2], // total and locked amounts not whole fen ≥ 0 (the contract's minor schema refuses first)
  ['electron/domain/training/courseCatalogue.ts', 3], // unknown tier, channel type, category (zod enums refuse first)
  ['electron/domain/training/trainingRecords.ts', 1], // a completion date that is not a date (zs.isoDate refuses first)
  ['electron/api/handlers/grids.ts', 1], // a sales grid sorted by a column the page does not offer
  ['electron/domain/hq/hqSchema.ts', 1], // the HQ migrations folder missing from the app's package
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Each `new DomainError(…)` call's text, parentheses balanced. */
function calls(source: string): string[] {
  const out: string[] = [];
  for (let at = source.indexOf('new DomainError('); at >= 0; at = source.indexOf('new DomainError(', at + 1)) {
    let depth = 0;
    let i = at + 'new DomainError'.length;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      if (depth === 0) break;
    }
    out.push(source.slice(at, i + 1));
  }
  return out;
}

describe('every refusal has words', () => {
  const all = files(join(ROOT, 'electron')).map((p) => ({ file: relative(ROOT, p).replace(/\\/g, '/'), calls: calls(readFileSync(p, 'utf8')) }));

  it('each DomainError names a reason (or rethrows one that does), except the listed programmer guards', () => {
    const bare = new Map<string, number>();
    for (const { file, calls: cs } of all)
      for (const c of cs) {
        // A refusal passed on (`e.data`, `…check`) or re-raised with its own data keeps the reason it had.
        if (/reason|notFound\(|alreadyExists\(|wrongStatus\(|\.data\b|,\s*data\b|Message|\{ kind/.test(c)) continue;
        bare.set(file, (bare.get(file) ?? 0) + 1);
      }
    expect(Object.fromEntries(bare)).toEqual(Object.fromEntries(GUARDS));
  });

  it('every reason raised has zh-CN and en words in shared/errorMessages.ts', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const { file, calls: cs } of all)
      for (const c of cs)
        for (const m of c.matchAll(/reason: '([\w.]+)'/g)) {
          seen++;
          if (!hasReasonWords(m[1])) missing.push(`${file}: ${m[1]}`);
        }
    expect(seen).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});
