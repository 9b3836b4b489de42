import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';

/** The window's catalogues (renderer/src/i18n/<lang>/<namespace>.json), each flattened to `a.b.c` keys. */
const ROOT = join(import.meta.dirname, '..', '..', '..', 'renderer', 'src', 'i18n');
function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = String(obj);
  return out;
}
const load = (lang: string) =>
  Object.fromEntries(readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(ROOT, lang, f), 'utf8')) as Record<string, unknown>]));
const en = load('en');
const enTexts = Object.entries(en).flatMap(([ns, tree]) => Object.entries(flatten(tree)).map(([key, text]) => [`${ns}:${key}`, text] as const));

/** Words after {{count}} that end the phrase before any noun (prepositions, articles, verbs), as in cliPlurals.test.ts. */
const NOT_A_NOUN = new Set(['a', 'an', 'the', 'with', 'without', 'in', 'of', 'to', 'on', 'at', 'for', 'from', 'into', 'under', 'below', 'among', 'as', 'by', 'not', 'and', 'or', 'is', 'are', 'was', 'has', 'does', 'will', 'already', 'holds']);

/** Whether an English text puts {{count}} (i18next's plural parameter) before a plural noun: "{{count}} rows", "{{count, number}} active partners". */
function countsAPlural(text: string): boolean {
  for (const m of text.matchAll(/\{\{count(?:, ?\w+)?\}\}((?: [a-z][a-z-]*(?:\(e?s\))?)+)/g)) {
    for (const word of m[1].trim().split(' ').slice(0, 2)) {
      if (NOT_A_NOUN.has(word)) break;
      if (/^[a-z-]*[a-z](s|\(e?s\))$/.test(word) && word.length > 2) return true;
    }
  }
  return false;
}

describe("English counts in the window's catalogues (renderer/src/i18n/en)", () => {
  it('finds {{count}} before a plural noun, and not before a verb or a singular', () => {
    expect(countsAPlural('{{count}} program(s) imported')).toBe(true);
    expect(countsAPlural('{{count, number}} rows')).toBe(true);
    expect(countsAPlural('Average of {{count}} scorecards')).toBe(true);
    expect(countsAPlural('{{count}} program imported')).toBe(false);
    expect(countsAPlural('{{count}} with errors')).toBe(false);
  });

  it('every text with {{count}} before a plural noun has its singular beside it (key_one next to key_other, or to key)', () => {
    const texts = new Map<string, string>(enTexts);
    const wrong = enTexts
      .filter(([key, text]) => !key.endsWith('_one') && countsAPlural(text))
      .flatMap(([key, text]) => {
        const one = texts.get(`${key.replace(/_other$/, '')}_one`);
        return one === undefined || one === text || countsAPlural(one) ? [`${key}: no singular (_one) beside "${text}"`] : [];
      });
    expect(wrong).toEqual([]);
  });

  it('no English text marks a plural with (s) or (es)', () => {
    expect(enTexts.filter(([, text]) => /\w\((e?s)\)/.test(text))).toEqual([]);
  });

  it('i18next picks the form by count: 1 the singular, 0 and 2 the plural', async () => {
    const i18n = createInstance();
    await i18n.init({ resources: { en }, lng: 'en', ns: Object.keys(en), interpolation: { escapeValue: false } });
    expect(i18n.t('incentives:imported', { count: 1, codes: 'REB-1' })).toBe('1 program imported: REB-1');
    expect(i18n.t('incentives:imported', { count: 2, codes: 'REB-1, REB-2' })).toBe('2 programs imported: REB-1, REB-2');
    expect(i18n.t('incentives:imported', { count: 0, codes: '' })).toBe('0 programs imported: ');
    expect(i18n.t('territories:gaps.territory', { territory: 'East', channel: i18n.t('territories:gaps.anyPartner', { count: 1 }), actual: 1, min: 3 })).toBe(
      'East: 1 active partner of 3 wanted across the territory',
    );
  });
});
