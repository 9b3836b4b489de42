import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TEXTS } from '../../../electron/cli/cliTexts';
import { MDF_ACTIVITY_WORDS } from '../../../shared/enums';
import { errorText, MESSAGE_REASONS, MESSAGE_WORD_TABLES } from '../../../shared/errorMessages';
import { IMPORT_FIELD_WORDS } from '../../../shared/importMessages';
import { OPERATION_WORDS } from '../../../shared/operationWords';

/**
 * The channel glossary (zh-CN / en, see README "Languages"): where an English text uses a glossary term, its Chinese
 * text uses the glossary's word for it. `alliance` is 联盟伙伴, never 合作伙伴 (the general word for any partner).
 */
const ROOT = join(import.meta.dirname, '..', '..', '..', 'renderer', 'src', 'i18n');
const TERMS: Array<[RegExp, string[]]> = [
  [/\balliance/i, ['联盟伙伴', '联盟']],
  [/\bscorecards?\b/i, ['评估卡']],
  [/\battainment\b/i, ['达成率', '达成']],
  [/\bpayout runs?\b/i, ['结算批次']],
  [/\bclawbacks?\b/i, ['追回']],
  [/\bdeal registrations?\b/i, ['商机报备', '报备']],
  [/\bhealth score\b/i, ['健康度']],
  [/\bincentive programs?\b/i, ['激励政策', '政策']],
  [/\bchannel managers?\b/i, ['渠道经理']],
  [/\bgross margin\b/i, ['毛利率', '毛利']],
  [/(?<!cross-)\bterritor(y|ies)\b/i, ['区域', '大区', '片区']],
  [/\bcross-territory\b/i, ['窜货']],
  [/\btiered rebate\b/i, ['阶梯返利']],
  [/\bHQ\b/, ['总部']],
  [/\bbusiness reviews?\b/i, ['业务回顾']],
  [/\baction items?\b/i, ['行动项']],
  [/\btarget plans?\b/i, ['目标计划']],
  [/\bend customers?\b/i, ['终端客户']],
  [/\bsell-through\b/i, ['动销', '出货']],
  [/\bsell-in\b/i, ['进货']],
  [/\b(development funds?|MDF)\b/, ['市场费用', '市场发展基金', '基金']],
  [/\breconciliation statements?\b/i, ['对账单']],
  [/\bunified social credit code\b/i, ['统一社会信用代码']],
  [/\bchannel conflict\b/i, ['渠道冲突']],
  [/\bprice conflict\b/i, ['价格冲突']],
  [/\bpublish(es|ed|ing)? to HQ\b/i, ['上报']],
];

function flatten(obj: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) for (const [k, v] of Object.entries(obj)) Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k));
  else out[prefix] = String(obj);
  return out;
}
const load = (lang: string, file: string) => flatten(JSON.parse(readFileSync(join(ROOT, lang, file), 'utf8')));

describe('glossary', () => {
  it('every Chinese text uses the glossary word of each term its English text uses', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.json'))) {
      const en = load('en', file);
      const zh = load('zh-CN', file);
      for (const [key, raw] of Object.entries(en)) {
        const text = raw.replace(/\{\{[^}]*\}\}/g, '');
        for (const [term, words] of TERMS) {
          if (!term.test(text)) continue;
          checked++;
          if (!words.some((w) => zh[key]?.includes(w))) wrong.push(`${file} ${key}: "${text}" → "${zh[key]}" (expected ${words.join(' / ')})`);
        }
        if (/\balliance/i.test(text) && zh[key]?.includes('合作伙伴')) wrong.push(`${file} ${key}: alliance as 合作伙伴 ("${zh[key]}")`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('the command line (electron/cli/cliTexts.ts) uses the same glossary words, and has every text in both languages', () => {
    const wrong: string[] = [];
    for (const [key, raw] of Object.entries(CLI_TEXTS.en)) {
      const zh = CLI_TEXTS['zh-CN'][key as keyof typeof CLI_TEXTS.en];
      expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      const text = raw.replace(/\{\{[^}]*\}\}/g, '');
      for (const [term, words] of TERMS) if (term.test(text) && !words.some((w) => zh.includes(w))) wrong.push(`${key}: "${text}" → "${zh}" (expected ${words.join(' / ')})`);
    }
    expect(Object.keys(CLI_TEXTS['zh-CN']).sort()).toEqual(Object.keys(CLI_TEXTS.en).sort());
    expect(wrong).toEqual([]);
  });

  it('the refusals (shared/errorMessages.ts) and the shared word tables use the same glossary words', () => {
    const wrong: string[] = [];
    let checked = 0;
    const check = (where: string, en: string, zh: string) => {
      expect(zh, `${where} (zh-CN)`).toMatch(/[\u4e00-\u9fff]/);
      for (const [term, words] of TERMS)
        if (term.test(en)) {
          checked++;
          if (!words.some((w) => zh.includes(w))) wrong.push(`${where}: "${en}" → "${zh}" (expected ${words.join(' / ')})`);
        }
      if (/\balliance/i.test(en) && zh.includes('合作伙伴')) wrong.push(`${where}: alliance as 合作伙伴 ("${zh}")`);
    };
    // Each reason rendered with probe parameters: every parameter a value that reads as text, number and list, then
    // each value a template compares a parameter with (p.record === 'payoutRun', p.cause === 'noPassword' …).
    const source = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'errorMessages.ts'), 'utf8');
    const compared = [...source.matchAll(/p\.(\w+) === '([^']+)'/g)].map((m) => ({ [m[1]!]: m[2]! }));
    const anyValue = () => Object.assign(['7'], { toString: () => '7' });
    const probe = (fixed: Record<string, unknown>) => new Proxy(fixed, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : typeof k === 'string' ? anyValue() : undefined) });
    const rendered: string[] = [];
    for (const reason of MESSAGE_REASONS) {
      let any = false;
      for (const fixed of [{}, ...compared]) {
        try {
          const body = { message: '(not worded)', data: { reason, params: probe(fixed) } };
          const en = errorText(body, 'en');
          const zh = errorText(body, 'zh-CN');
          any = true;
          check(`${reason} ${JSON.stringify(fixed)}`, en, zh);
        } catch {
          // a probe this template cannot take (the parameter must be a list of records): another probe covers it
        }
      }
      if (any) rendered.push(reason);
    }
    expect(MESSAGE_REASONS.filter((r) => !rendered.includes(r))).toEqual([]);
    const tables = { ...MESSAGE_WORD_TABLES, IMPORT_FIELD_WORDS, MDF_ACTIVITY_WORDS, OPERATION_WORDS };
    for (const [table, words] of Object.entries(tables)) for (const [key, [zh, en]] of Object.entries(words)) check(`${table}.${key}`, en, zh);
    expect(rendered.length).toBeGreaterThan(150);
    expect(checked).toBeGreaterThan(100);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('the channel type alliance reads 联盟伙伴', () => {
    expect(load('zh-CN', 'common.json')['channelType.alliance']).toBe('联盟伙伴');
    expect(load('en', 'common.json')['channelType.alliance']).toBe('Alliance partner');
  });
});
