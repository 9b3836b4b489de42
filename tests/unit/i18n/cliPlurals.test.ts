import { describe, expect, it } from 'vitest';
import { CLI_TEXTS, cliText, type CliTextKey } from '../../../electron/cli/cliTexts';

/**
 * Words after a placeholder that end a counted phrase before its noun: prepositions, articles, auxiliaries, and the
 * verbs that follow a name ("{{path}} already exists", "target {{id}} wants {{min}}").
 */
const NOT_A_NOUN = new Set(['a', 'an', 'the', 'with', 'without', 'in', 'of', 'to', 'on', 'at', 'for', 'from', 'into', 'under', 'below', 'among', 'as', 'by', 'not', 'and', 'or', 'is', 'are', 'was', 'has', 'does', 'will', 'already', 'wants']);

/**
 * The placeholders of an English text that a plural noun follows: "{{count}} rows", "{{n}} active partners",
 * "{{n}} backup(s)" — at most two words after the placeholder, the noun ending in s (a unit like "s" for seconds is not one).
 */
function countedPlurals(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\{\{(\w+)\}\}((?: [a-z][a-z-]*(?:\((?:e?s)\))?)+)/g)) {
    for (const word of m[2].trim().split(' ').slice(0, 2)) {
      if (NOT_A_NOUN.has(word)) break;
      if (/^[a-z-]*[a-z](s|\(e?s\))$/.test(word) && word.length > 2) {
        found.push(m[1]);
        break;
      }
    }
  }
  return found;
}

const en = CLI_TEXTS.en as Readonly<Record<string, string>>;
const keys = Object.keys(CLI_TEXTS['zh-CN']) as CliTextKey[];

describe('English counts in the command line (electron/cli/cliTexts.ts)', () => {
  it('finds the plural nouns it looks for, and none in the phrases that are not counts', () => {
    expect(countedPlurals('{{n}} backup(s)')).toEqual(['n']);
    expect(countedPlurals('{{count}} rows read, {{inserted}} inserted in {{seconds}} s')).toEqual(['count']);
    expect(countedPlurals('{{n}} active partners')).toEqual(['n']);
    expect(countedPlurals('{{count}} with status “{{value}}”')).toEqual([]);
    expect(countedPlurals('{{path}} already exists')).toEqual([]);
    expect(countedPlurals('Import {{id}} undone')).toEqual([]);
  });

  it('every text with a count before a plural noun has its singular, chosen by the count parameter', () => {
    const counted = keys.filter((k) => countedPlurals(en[k]).length > 0);
    expect(counted.length).toBeGreaterThan(40);
    const wrong = counted.flatMap((k) => {
      const problems: string[] = [];
      if (countedPlurals(en[k]).some((p) => p !== 'count')) problems.push(`${k}: counts {{${countedPlurals(en[k]).join('}}, {{')}}}, not {{count}} ("${en[k]}")`);
      const one = en[`${k}_one`];
      if (one === undefined) problems.push(`${k}: no singular (${k}_one) for "${en[k]}"`);
      else if (one === en[k] || !one.includes('{{count}}')) problems.push(`${k}_one: "${one}" is not a singular of {{count}}`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it('no text marks a plural with (s) or (es) instead of giving both forms', () => {
    expect(Object.entries(en).filter(([, t]) => /\w\((e?s)\)/.test(t))).toEqual([]);
  });

  it('a singular stands beside a text that counts, and Chinese keeps its one form', () => {
    const singulars = Object.keys(en).filter((k) => k.endsWith('_one'));
    for (const k of singulars) expect(en[k.replace(/_one$/, '')], k).toContain('{{count}}');
    expect(Object.keys(CLI_TEXTS['zh-CN']).filter((k) => k.endsWith('_one'))).toEqual([]);
  });

  it('cliText picks the form by count: 1 the singular, 0 and 2 the plural, Chinese one form for all', () => {
    expect(cliText('en', 'imports.rowsRead', { count: 1 })).toBe('1 row read');
    expect(cliText('en', 'imports.rowsRead', { count: 2 })).toBe('2 rows read');
    expect(cliText('en', 'imports.rowsRead', { count: 0 })).toBe('0 rows read');
    expect(cliText('en', 'imports.undone', { id: 7, count: 1, restored: 0 })).toBe('Import 7 undone: 1 row removed, 0 restored');
    expect(cliText('zh-CN', 'imports.undone', { id: 7, count: 1, restored: 0 })).toBe('已撤销导入 7：删除 1 行，恢复 0 行');
    expect(cliText('zh-CN', 'partners.total', { count: 1 })).toBe('共 1 个合作伙伴');
    expect(cliText('zh-CN', 'partners.total', { count: 2 })).toBe('共 2 个合作伙伴');
    // A count given as text is a text, not a number to choose by: the plural, as when no count is given.
    expect(cliText('en', 'partners.total', { count: '1' })).toBe('1 partners');
  });
});
