import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TEXTS } from '../../../electron/cli/cliTexts';
import { MDF_ACTIVITY_WORDS } from '../../../shared/enums';
import { errorText, MESSAGE_REASONS, MESSAGE_WORD_TABLES } from '../../../shared/errorMessages';
import { IMPORT_FIELD_WORDS, IMPORT_MESSAGES } from '../../../shared/importMessages';
import { OPERATION_WORDS } from '../../../shared/operationWords';
import { SCHEMA_MESSAGES } from '../../../shared/validationMessages';
import { RISK_TEXT_CODES, riskText, type RiskTextParams } from '../../../shared/riskTexts';
import { renderExplanation, type Explain } from '../../../electron/domain/incentives/explanation';

/** Every key a payout line's explanation has (electron/domain/incentives/explanation.ts). */
const EXPLAIN_KEYS: Array<Explain['key']> = ['rebate', 'rebate.none', 'target', 'target.below', 'target.noTarget', 'spiff.unit', 'spiff.percent', 'growth', 'growth.none', 'growth.noBase', 'rank', 'rank.none', 'adjustment', 'clawback', 'mdf'];

/**
 * English texts use English punctuation (README "Languages"): no CJK punctuation — 「」『』《》【】、。，：；！？（）
 * and the other ideographic and full-width marks — copied over from the Chinese text. (“ ” and ’ are English
 * typography and stay allowed.) Checked on the rendered catalogues (the window's, the command line's, the refusals,
 * import messages, the word tables, the risks' own texts) and on every string literal of the app's source that reads as
 * English (Latin words and no Chinese character).
 */
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;
const ROOT = join(import.meta.dirname, '..', '..', '..');

function flatten(obj: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) for (const [k, v] of Object.entries(obj)) Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k));
  else out[prefix] = String(obj);
  return out;
}

/** A parameter that reads as text, number and list, for rendering templates without real values. */
const anyValue = () => Object.assign(['7'], { toString: () => '7' });
const probe = (fixed: Record<string, unknown>) => new Proxy(fixed, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : typeof k === 'string' ? anyValue() : undefined) });

function englishTexts(): Array<[where: string, text: string]> {
  const out: Array<[string, string]> = [];
  const i18n = join(ROOT, 'renderer', 'src', 'i18n', 'en');
  for (const file of readdirSync(i18n).filter((f) => f.endsWith('.json'))) {
    for (const [k, v] of Object.entries(flatten(JSON.parse(readFileSync(join(i18n, file), 'utf8'))))) out.push([`i18n/en/${file} ${k}`, v]);
  }
  for (const [k, v] of Object.entries(CLI_TEXTS.en)) out.push([`CLI_TEXTS ${k}`, v]);
  const source = readFileSync(join(ROOT, 'shared', 'errorMessages.ts'), 'utf8');
  const compared = [...source.matchAll(/p\.(\w+) === '([^']+)'/g)].map((m) => ({ [m[1]!]: m[2]! }));
  for (const reason of MESSAGE_REASONS) {
    for (const fixed of [{}, ...compared]) {
      try {
        out.push([`errorMessages ${reason} ${JSON.stringify(fixed)}`, errorText({ message: '(not worded)', data: { reason, params: probe(fixed) } }, 'en')]);
      } catch {
        // a probe this template cannot take: another covers it
      }
    }
  }
  const importSource = readFileSync(join(ROOT, 'shared', 'importMessages.ts'), 'utf8');
  const importCompared = [...importSource.matchAll(/p\.(\w+) === '([^']+)'/g)].map((m) => ({ [m[1]!]: m[2]! }));
  for (const [code, words] of Object.entries(IMPORT_MESSAGES as Record<string, { en: (p: unknown) => string }>)) {
    for (const fixed of [{}, ...importCompared]) {
      try {
        out.push([`IMPORT_MESSAGES ${code} ${JSON.stringify(fixed)}`, words.en(probe(fixed))]);
      } catch {
        // as above
      }
    }
  }
  const tables = { ...MESSAGE_WORD_TABLES, IMPORT_FIELD_WORDS, MDF_ACTIVITY_WORDS, OPERATION_WORDS };
  for (const [table, words] of Object.entries(tables)) for (const [key, [, en]] of Object.entries(words)) out.push([`${table}.${key}`, en]);
  for (const [key, words] of Object.entries(SCHEMA_MESSAGES)) out.push([`SCHEMA_MESSAGES ${key}`, words.en]);
  const measure = { rule: 'crossTerritory', lines: 1, located: 2, share: 0.5, amountMinor: 100, limit: 0 } as const;
  const params: RiskTextParams = {
    partner: 'P1',
    customer: 'C',
    lines: [
      { kind: 'raised', period: '2025-Q1', measure },
      { kind: 'cleared', period: '2025-Q2', measure, closed: true },
      { kind: 'cleared', period: '2025-Q2', measure, closed: false },
      { kind: 'undone', period: '2025-Q2', importId: 3, measure, closed: true },
      { kind: 'undone', period: '2025-Q2', importId: 3, measure: null, closed: false },
    ],
    dealId: 1,
    registeredBy: null,
    heldBy: [{ code: 'P2', name: 'N' }, null],
    windowDays: 90,
    price: { quotedMinor: 1, floorMinor: 2, productLine: 'L' },
  };
  // Payout lines' explanations: a SPIFF's items are stored as the Chinese list (X1、X2).
  const fixed: Record<string, unknown> = { items: 'X1、X2', period: '2025-Q1', previousPeriod: '2024-Q4', currency: 'CNY', from: '2025-01-01', to: '2025-03-31', activity: 'event', title: 'T', groupBy: 'none', group: 'all', yoy: true, reason: 'R' };
  const numbers = new Proxy(fixed, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : typeof k === 'string' ? 1 : undefined) });
  for (const key of EXPLAIN_KEYS) out.push([`explanation ${key}`, renderExplanation({ key, params: numbers }, 'en')]);
  for (const code of RISK_TEXT_CODES) {
    const t = riskText({ title: '', description: null, textCode: code, textParams: params }, 'en');
    out.push([`riskText ${code}`, `${t.title}\n${t.description ?? ''}`]);
  }
  return out;
}

/**
 * String literals of a source file ('…', "…", `…` with its ${…} taken out), one line at a time, with the line's text
 * and whether the literal is the whole argument of a `.join(…)`.
 */
function literals(source: string): Array<{ line: number; lit: string; text: string; joined: boolean }> {
  const out: Array<{ line: number; lit: string; text: string; joined: boolean }> = [];
  source.split('\n').forEach((text, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(text)) return; // comments
    for (const m of text.matchAll(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
      const joined = text.slice(Math.max(0, m.index - 6), m.index) === '.join(' && text[m.index + m[0].length] === ')';
      out.push({ line: i + 1, lit: m[0].replace(/\$\{[^}]*\}/g, ''), text, joined });
    }
  });
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

describe('English texts use English punctuation', () => {
  it('no CJK punctuation in the rendered English catalogues', () => {
    const texts = englishTexts();
    expect(texts.length).toBeGreaterThan(2000);
    expect(texts.filter(([, t]) => CJK_PUNCTUATION.test(t)).map(([w, t]) => `${w}: ${t}`)).toEqual([]);
  });

  it('no CJK punctuation in a string literal of the source that reads as English', () => {
    const wrong: string[] = [];
    let read = 0;
    for (const dir of ['shared', 'electron', join('renderer', 'src')]) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        for (const { line, lit, text, joined } of literals(readFileSync(file, 'utf8'))) {
          read++;
          // English: a Latin word, no Chinese character (a Chinese text may quote an English word), on a line that is
          // not about the Chinese text (zh, 'zh-CN', LEGACY_ZH …); or a list joined with a Chinese mark whatever the language.
          if (!CJK_PUNCTUATION.test(lit) || /zh/i.test(text) || /[\u3400-\u9fff]/.test(text)) continue;
          if (/[A-Za-z]{2,}/.test(lit) || joined) wrong.push(`${relative(ROOT, file)}:${line}: ${lit}`);
        }
      }
    }
    expect(read).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
  });

  it("a SPIFF's items read as an English list in English, as stored in Chinese", () => {
    const params = { items: 'X1、X2', units: 3, perUnitMinor: 1000, amountMinor: 3000, from: '2025-02-01', to: '2025-02-28', currency: 'CNY' };
    expect(renderExplanation({ key: 'spiff.unit', params }, 'en')).toBe('3 units of X1, X2 from 2025-02-01 to 2025-02-28 × ¥10.00 = ¥30.00');
    expect(renderExplanation({ key: 'spiff.unit', params }, 'zh-CN')).toContain('指定产品 X1、X2 共 3 件');
  });

  it('catches the slip it is meant to catch', () => {
    expect(CJK_PUNCTUATION.test("unknown partner code 「P404」")).toBe(true);
    expect(CJK_PUNCTUATION.test('row 3，column A：not a date')).toBe(true);
    expect(CJK_PUNCTUATION.test('Customer “C” registered by P1 (within 90 days)')).toBe(false);
  });
});
