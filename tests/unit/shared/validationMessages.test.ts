import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partnerFields } from '../../../electron/model/partners';
import { programFileSchema } from '../../../electron/model/programs';
import { zodIssues } from '../../../electron/api/errors';
import { SCHEMA_MESSAGES, issueText, pathField, type IssueLike } from '../../../shared/validationMessages';
import { memoryApi } from '../../helpers/workspace';
import { ApiError } from '../../../shared/errors';
import { pwb } from '../../helpers/cli';

const ZOD_WORDS = /Too small|Too big|Invalid input|Invalid option|expected|received|>=|<=/;
const CJK = /[\u4e00-\u9fff]/;

describe('validation problems in the reader language, with the field label', () => {
  it('a form check: empty, too long, wrong type, bad option and a pattern, in zh-CN and en', () => {
    const r = partnerFields.safeParse({ code: '', name: 'x'.repeat(201), channelType: 'shop', tier: 'tier1', currency: 'usd' });
    expect(r.success).toBe(false);
    const byField: Record<string, IssueLike> = {};
    for (const i of r.error!.issues) byField[String(i.path[0])] ??= i as unknown as IssueLike;
    expect(issueText(byField.code, '伙伴编码', 'zh-CN')).toBe('伙伴编码不能为空');
    expect(issueText(byField.code, 'Partner code', 'en')).toBe('Partner code is required');
    expect(issueText(byField.name, '名称', 'zh-CN')).toBe('名称最多 200 个字符');
    expect(issueText(byField.channelType, 'Channel type', 'en')).toBe('Channel type must be one of the offered choices');
    expect(issueText(byField.currency, '币种', 'zh-CN')).toBe('币种应为三个字母的币种代码，如 CNY');
    for (const i of Object.values(byField)) for (const lang of ['zh-CN', 'en'] as const) expect(issueText(i, 'L', lang)).not.toMatch(ZOD_WORDS);
  });

  it('a limit of one takes the singular in English: at least 1 entry, at most 1 character; other limits the plural', () => {
    const issue = (code: 'too_small' | 'too_big', origin: string, n: number): IssueLike => ({ code, message: 'Too small', origin, ...(code === 'too_small' ? { minimum: n } : { maximum: n }) });
    expect(issueText(issue('too_small', 'array', 1), 'Tiers', 'en')).toBe('Tiers needs at least 1 entry');
    expect(issueText(issue('too_small', 'array', 2), 'Tiers', 'en')).toBe('Tiers needs at least 2 entries');
    expect(issueText(issue('too_big', 'array', 1), 'Tiers', 'en')).toBe('Tiers can have at most 1 entry');
    expect(issueText(issue('too_big', 'string', 1), 'Code', 'en')).toBe('Code can have at most 1 character');
    expect(issueText(issue('too_big', 'string', 40), 'Code', 'en')).toBe('Code can have at most 40 characters');
    expect(issueText(issue('too_small', 'string', 2), 'Code', 'en')).toBe('Code needs at least 2 characters');
    expect(issueText(issue('too_small', 'array', 1), '层级', 'zh-CN')).toBe('层级至少需要 1 项');
  });

  it('a Latin field name (an option, a setting key, a row) is spaced from the Chinese words after it, a Chinese one is not', () => {
    const empty: IssueLike = { code: 'too_small', message: 'Too small', minimum: 1, origin: 'string' };
    const date: IssueLike = { code: 'custom', message: 'not a calendar date' };
    expect(issueText(empty, '--partner', 'zh-CN')).toBe('--partner 不能为空');
    expect(issueText(empty, 'tiers #1', 'zh-CN')).toBe('tiers #1 不能为空');
    expect(issueText(date, '--as-of', 'zh-CN')).toBe('--as-of 不是有效的日期');
    expect(issueText(date, '开始日期', 'zh-CN')).toBe('开始日期不是有效的日期');
    expect(issueText(empty, '伙伴编码', 'zh-CN')).toBe('伙伴编码不能为空');
    expect(issueText(empty, '--partner', 'en')).toBe('--partner is required');
  });

  it('an API issue carries code and params, so the same words come out after the transport (JSON)', async () => {
    const { api } = memoryApi();
    const e = (await api.send('partners.create', { code: 'P1', name: '', channelType: 'dealer' } as never).catch((x: unknown) => x)) as ApiError;
    expect(e.body.code).toBe('INVALID_INPUT');
    const issue = JSON.parse(JSON.stringify(e.body.issues![0])) as IssueLike & { path: string };
    expect(issue).toMatchObject({ path: 'name', code: 'too_small', params: { minimum: 1, origin: 'string' } });
    expect(issueText(issue, '名称', 'zh-CN')).toBe('名称不能为空');
    // a missing field and an array entry's field: the row is named, never the path
    const p = programFileSchema.safeParse({ code: 'X', name: 'n', type: 'tiered_rebate', periodKind: 'quarter', currency: 'CNY', validFrom: '2025-01-01', basis: 'revenue', tiering: 'retroactive', tiers: [{ from: 0, rate: 'a' }], eligibility: {} });
    const issues = zodIssues(p.error!);
    const rate = issues.find((i) => i.path === 'tiers.0.rate')!;
    expect(pathField(rate.path)).toEqual({ field: 'rate', row: 1 });
    expect(issueText(rate, '费率（第 1 项）', 'zh-CN')).toBe('费率（第 1 项）必须是数字');
  });

  it('every message a schema writes itself has words in both languages', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) {
          const src = readFileSync(join(dir, e.name), 'utf8');
          for (const m of src.matchAll(/\.(?:regex\([^,\n]+,|refine\([^,\n]+,|min\(\d+,|max\(\d+,)\s*'([^'\n]+)'/g)) found.add(m[1]);
          for (const m of src.matchAll(/\{\s*message:\s*'([^']+)'/g)) found.add(m[1]);
        }
      }
    };
    for (const d of ['shared', 'electron/model', 'electron/contract']) walk(join(root, d));
    expect(found.size).toBeGreaterThan(15);
    const missing = [...found].filter((m) => !SCHEMA_MESSAGES[m]);
    expect(missing).toEqual([]);
    for (const m of Object.values(SCHEMA_MESSAGES)) expect(m['zh-CN']).toMatch(CJK);
  });

  it('the CLI words invalid input in the chosen language, field by field, without zod text', () => {
    const r = pwb(['training', 'compliance', '--db', ':memory:', '--as-of', '2026-02-30'], { PWB_LANG: 'zh-CN' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  --as-of 不是有效的日期'); // the option as typed, not the input's field asOf
    expect(r.stderr).not.toMatch(ZOD_WORDS);
  });
});
