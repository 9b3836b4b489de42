import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText, MESSAGE_REASONS } from '../../../shared/errorMessages';

/**
 * Words after a number that are not a counted noun (verbs, prepositions, articles) — as in tests/unit/i18n/cliPlurals.test.ts,
 * and the verbs after a name the probe also fills with 1 ("partner 1 belongs to"); "ones" stands for a list of statuses.
 */
const NOT_A_NOUN = new Set(['a', 'an', 'the', 'with', 'without', 'in', 'of', 'to', 'on', 'at', 'for', 'from', 'into', 'under', 'below', 'among', 'as', 'by', 'not', 'and', 'or', 'is', 'are', 'was', 'has', 'does', 'will', 'already', 'wants', 'its', 'this', 'less', 'plus', 'appears', 'asks', 'belongs', 'comes', 'pays', 'ones']);

/** The phrases of an English text where a count of one stands before a plural noun or a noun(s): "1 rows", "1 training records", "1 error(s)". */
function oneBeforePlural(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\w.,-])1((?: [a-z][a-z-]*(?:\(e?s\))?){1,2})/g)) {
    for (const word of m[1].trim().split(' ')) {
      if (NOT_A_NOUN.has(word)) break;
      if (/^[a-z-]*[a-z](s|\(e?s\))$/.test(word) && word.length > 2) {
        found.push(m[0]);
        break;
      }
    }
  }
  return found;
}

/**
 * Each reason rendered in English with every parameter 1 (a count of one); a template that needs a parameter to be a
 * list is rendered with a list whose text is 1 as well, the values it compares a parameter with tried one by one.
 */
function renderedWithOne(): Array<[reason: string, en: string]> {
  const source = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'errorMessages.ts'), 'utf8');
  const compared = [...source.matchAll(/p\.(\w+) === '([^']+)'/g)].map((m) => ({ [m[1]!]: m[2]! }));
  const one = () => 1;
  const oneList = () => Object.assign([1], { toString: () => '1' });
  const probe = (fixed: Record<string, unknown>, value: () => unknown) =>
    new Proxy(fixed, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : typeof k === 'string' ? value() : undefined) });
  const out: Array<[string, string]> = [];
  for (const reason of MESSAGE_REASONS) {
    for (const fixed of [{}, ...compared]) {
      for (const value of [one, oneList]) {
        try {
          out.push([reason, errorText({ message: '(not worded)', data: { reason, params: probe(fixed, value) } }, 'en')]);
          break;
        } catch {
          // this template needs the parameter as a list: the next value gives one
        }
      }
    }
  }
  return out;
}

describe('English counts in the refusals (shared/errorMessages.ts)', () => {
  it('finds a count of one before a plural noun, and not one before a verb, a unit or a singular', () => {
    expect(oneBeforePlural('Course C-1 has 1 training records and cannot be deleted')).toEqual(['1 training records']);
    expect(oneBeforePlural('plan.xlsx: 1 error(s); nothing was changed')).toEqual(['1 error(s)']);
    expect(oneBeforePlural('Import 1 added 1 rows, but 1 are still there')).toEqual(['1 rows']);
    expect(oneBeforePlural('Course C-1 has 1 training record and cannot be deleted')).toEqual([]);
    expect(oneBeforePlural('busy for 1 s (another job)')).toEqual([]);
    expect(oneBeforePlural('is 1.5 MB; the limit is 1 MB per file')).toEqual([]);
  });

  it('no refusal puts a count of one before a plural noun, or marks a plural with (s)', () => {
    const texts = renderedWithOne();
    expect(new Set(texts.map(([r]) => r)).size).toBe(MESSAGE_REASONS.length);
    expect([...new Set(texts.flatMap(([r, en]) => [...oneBeforePlural(en).map((x) => `${r}: ${x}`), ...(/\w\(e?s\)/.test(en) ? [r] : [])]))]).toEqual([]);
  });

  it('a count picks its form: 1 the singular, 0 and 2 the plural', () => {
    const en = (reason: string, params: Record<string, unknown>) => errorText({ message: '', data: { reason, params } }, 'en');
    expect(en('courseHasRecords', { code: 'C-1', count: 1 })).toBe('Course C-1 has 1 training record and cannot be deleted; retire it (inactive) instead');
    expect(en('courseHasRecords', { code: 'C-1', count: 2 })).toBe('Course C-1 has 2 training records and cannot be deleted; retire it (inactive) instead');
    expect(en('hq.publishCancelled', { changes: 0 })).toBe('Publishing was cancelled after 0 changes; the rest stay in this workspace and are sent on the next publish.');
    expect(en('hq.publishCancelled', { changes: 1 })).toBe('Publishing was cancelled after 1 change; the rest stay in this workspace and are sent on the next publish.');
    expect(en('importUndoRowsChanged', { importId: 4, inserted: 1, remaining: 1 })).toBe(
      'Import 4 added 1 row, but 1 is still there: they were changed or deleted since, so the import cannot be undone',
    );
  });
});
