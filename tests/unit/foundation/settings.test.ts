import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTING_KEYS, SETTINGS } from '../../../electron/contract/system';
import { readSetting } from '../../../electron/domain/system/settingsStore';
import { issueText } from '../../../shared/validationMessages';
import { pwb } from '../../helpers/cli';
import { memoryApi, tempDir } from '../../helpers/workspace';

type Refusal = { body: { code: string; issues: Array<{ path: string; message: string; code?: string; params?: Record<string, unknown> }> } };
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: Refusal) => e.body);

describe('settings registry', () => {
  it('validates registered keys by their schema and answers the default of an unset key', async () => {
    const { api } = memoryApi();
    expect(await api.send('system.settings.get', { key: 'company.fiscalStartMonth' })).toEqual({ key: 'company.fiscalStartMonth', value: null, default: 1 });
    await api.send('system.settings.set', { key: 'company.fiscalStartMonth', value: 4 });
    expect((await api.send('system.settings.get', { key: 'company.fiscalStartMonth' })).value).toBe(4);
    const bad = await refusal(api.send('system.settings.set', { key: 'company.fiscalStartMonth', value: 13 }));
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'value', code: 'too_big' }] });
    // Worded like any field: the key's own limit, in both languages.
    expect(issueText(bad!.issues[0], '财年起始月', 'zh-CN')).toBe('财年起始月不能大于 12');
    expect(issueText(bad!.issues[0], 'Fiscal year start', 'en')).toBe('Fiscal year start must be at most 12');
    const logo = await refusal(api.send('system.settings.set', { key: 'company.logoPath', value: 'C:\\logo.exe' }));
    expect(logo).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await api.send('system.settings.get', { key: 'company.fiscalStartMonth' })).value).toBe(4);
  });

  it("checks the company's credit code as the partners' are: its check character, stored upper-case", async () => {
    const { api } = memoryApi();
    const wrong = await refusal(api.send('system.settings.set', { key: 'company.creditCode', value: '91350100M000100Y44' }));
    expect(wrong).toMatchObject({ code: 'INVALID_INPUT' });
    expect(issueText(wrong!.issues[0], '统一社会信用代码', 'zh-CN')).toMatch(/校验/);
    await api.send('system.settings.set', { key: 'company.creditCode', value: ' 91350100m000100y43 ' });
    expect((await api.send('system.settings.get', { key: 'company.creditCode' })).value).toBe('91350100M000100Y43');
  });

  it('refuses an unknown key on set and get, in words', async () => {
    const { api, ws } = memoryApi();
    const set = await refusal(api.send('system.settings.set', { key: 'custom.doc' as never, value: { a: 1 } }));
    expect(set).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'key' }] });
    expect(issueText(set!.issues[0], '设置项', 'zh-CN')).toBe('设置项不是已知的设置项');
    expect(issueText(set!.issues[0], 'Setting', 'en')).toBe('Setting is not a known setting');
    const get = await refusal(api.send('system.settings.get', { key: 'company.fiscalStart' as never }));
    expect(get).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'key' }] });
    expect(ws.sqlite.prepare("select count(*) as n from settings where key = 'custom.doc'").get()).toEqual({ n: 0 });
  });

  it('refuses through system.settings.set a key its own operation sets (risk bands must be checked as a whole)', async () => {
    const { api } = memoryApi();
    const r = await refusal(api.send('system.settings.set', { key: 'risk.bands', value: [] }));
    expect(r).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'key' }] });
    expect(issueText(r!.issues[0], 'Setting', 'en')).toBe('Setting is changed on its own page, not as a plain setting');
    // The evaluation rules keep the generic path, guarded by the same schema as their page.
    expect(await refusal(api.send('system.settings.set', { key: 'evaluation.gradeBands', value: { A: 50, B: 70, C: 60 } }))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('every default passes its own schema; readSetting falls back to the default for an unset or broken value', () => {
    for (const key of SETTING_KEYS) {
      const d = SETTINGS[key].default;
      if (d !== null) expect(SETTINGS[key].schema.safeParse(d).success, key).toBe(true);
      expect(SETTINGS[key].setBy.length, key).toBeGreaterThan(0);
    }
    const { ws } = memoryApi();
    expect(readSetting(ws.db, 'statement.taxRate')).toBe(0.06);
    ws.sqlite.prepare("insert into settings (key, value, updated_at) values ('statement.taxRate', '7', '2025-01-01')").run();
    expect(readSetting(ws.db, 'statement.taxRate')).toBe(0.06);
    ws.sqlite.prepare("update settings set value = '0.09' where key = 'statement.taxRate'").run();
    expect(readSetting(ws.db, 'statement.taxRate')).toBe(0.09);
  });
});

describe('pwb settings', () => {
  const tmp = tempDir('pwb-settings-');
  afterAll(() => tmp.cleanup());
  const db = join(tmp.dir, 'ws.sqlite');

  it('sets, gets and lists keys; refuses unknown keys and invalid values in the chosen language', () => {
    expect(pwb(['init', '--db', db]).code).toBe(0);
    // A 19-digit account stays text (JSON would turn it into a rounded number).
    expect(pwb(['settings', 'set', 'company.bankAccount', '1001234509006789012', '--db', db]).code).toBe(0);
    expect(pwb(['settings', 'get', 'statement.taxRate', '--db', db]).stdout).toBe('0.06 (default)\n');
    const list = pwb(['settings', 'list', '--db', db, '--json']).json<Array<{ key: string; value: unknown }>>();
    expect(list.map((r) => r.key)).toEqual(SETTING_KEYS);
    expect(list.find((r) => r.key === 'company.bankAccount')!.value).toBe('1001234509006789012');
    expect(list.find((r) => r.key === 'company.fiscalStartMonth')!.value).toBe(null);

    const unknown = pwb(['settings', 'set', 'company.fiscalStart', '4', '--db', db, '--lang', 'zh']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('“company.fiscalStart”不是已知的设置项');
    expect(unknown.stderr).toContain('company.fiscalStartMonth');
    const month = pwb(['settings', 'set', 'company.fiscalStartMonth', '13', '--db', db, '--lang', 'en']);
    expect(month.code).toBe(1);
    expect(month.stderr).toBe('pwb: company.fiscalStartMonth must be at most 12\n');
    const own = pwb(['settings', 'set', 'hq.url', 'postgres://x@h/db', '--db', db, '--lang', 'en']);
    expect(own.stderr).toBe('pwb: “hq.url” is set through hq.configure\n');
  });
});
