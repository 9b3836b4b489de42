import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TEXTS } from '../../../electron/cli/cliTexts';

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

  it('the channel type alliance reads 联盟伙伴', () => {
    expect(load('zh-CN', 'common.json')['channelType.alliance']).toBe('联盟伙伴');
    expect(load('en', 'common.json')['channelType.alliance']).toBe('Alliance partner');
  });
});
