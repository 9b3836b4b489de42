import { describe, expect, it } from 'vitest';
import { memoryApi } from '../../helpers/workspace';

describe('settings', () => {
  it('validates known keys and stores area documents as JSON', async () => {
    const { api } = memoryApi();
    await api.send('settings.set', { key: 'company.fiscalStartMonth', value: 4 });
    expect((await api.send('settings.get', { key: 'company.fiscalStartMonth' })).value).toBe(4);
    const bad = await api.send('settings.set', { key: 'company.fiscalStartMonth', value: 13 }).catch((e: { body: { code: string; issues: Array<{ path: string }> } }) => e.body);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'value' }] });
    const logo = await api.send('settings.set', { key: 'company.logoPath', value: 'C:\\logo.exe' }).catch((e: { body: { code: string } }) => e.body);
    expect(logo).toMatchObject({ code: 'INVALID_INPUT' });
    await api.send('settings.set', { key: 'custom.doc', value: { a: [1, 2], b: '华东' } });
    expect((await api.send('settings.get', { key: 'custom.doc' })).value).toEqual({ a: [1, 2], b: '华东' });
    expect((await api.send('settings.get', { key: 'company.fiscalStartMonth' })).value).toBe(4);
  });
});
