import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS } from '../../../shared/enums';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'renderer', 'src', 'i18n');
const LANGS = ['zh-CN', 'en'];

function flatten(obj: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k));
  } else out[prefix] = String(obj);
  return out;
}

const catalogues = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    Object.fromEntries(readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), flatten(JSON.parse(readFileSync(join(ROOT, lang, f), 'utf8')))])),
  ]),
) as Record<string, Record<string, Record<string, string>>>;

describe('i18n catalogues', () => {
  it('every namespace exists in both languages with the same keys', () => {
    expect(Object.keys(catalogues['zh-CN']).sort()).toEqual(Object.keys(catalogues.en).sort());
    for (const ns of Object.keys(catalogues.en)) {
      const zh = Object.keys(catalogues['zh-CN'][ns]).sort();
      const en = Object.keys(catalogues.en[ns]).sort();
      expect({ ns, missingInZh: en.filter((k) => !zh.includes(k)), missingInEn: zh.filter((k) => !en.includes(k)) }).toEqual({ ns, missingInZh: [], missingInEn: [] });
    }
  });

  it('no text is empty, interpolations match, and Chinese texts are Chinese', () => {
    for (const ns of Object.keys(catalogues.en)) {
      for (const [key, en] of Object.entries(catalogues.en[ns])) {
        const zh = catalogues['zh-CN'][ns][key];
        expect(en.trim(), `${ns}:${key} (en)`).not.toBe('');
        expect(zh?.trim(), `${ns}:${key} (zh-CN)`).not.toBe('');
        const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
        expect(vars(zh ?? ''), `${ns}:${key} interpolations`).toEqual(vars(en));
      }
    }
    const zhCommon = catalogues['zh-CN'].common;
    expect(zhCommon['nav.partners']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every code value of the glossary has words in both languages', () => {
    for (const lang of LANGS) {
      const common = catalogues[lang].common;
      for (const c of CHANNEL_TYPES) expect(common[`channelType.${c}`], `${lang} channelType.${c}`).toBeTruthy();
      for (const t of TIERS) expect(common[`tier.${t}`], `${lang} tier.${t}`).toBeTruthy();
      for (const s of PARTNER_STATUSES) expect(common[`status.${s}`], `${lang} status.${s}`).toBeTruthy();
    }
    expect(catalogues['zh-CN'].common['channelType.ecommerce']).toBe('电商');
    expect(catalogues['zh-CN'].common['tier.tier1']).toBe('一级渠道');
  });
});

describe('job progress phases', () => {
  it('every phase a job reports has words in both languages', () => {
    const src = join(import.meta.dirname, '..', '..', '..', 'electron');
    const phases = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/progress\??\.?\(\s*'([a-zA-Z]+)'/g)) phases.add(m[1]);
      }
    };
    walk(src);
    expect(phases.size).toBeGreaterThan(10);
    for (const lang of LANGS) for (const p of phases) expect(catalogues[lang].common[`phase.${p}`], `${lang} phase.${p}`).toBeTruthy();
  });
});
