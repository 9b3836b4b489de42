import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../electron/contract';
import { GRID_NAMES } from '../../../electron/model/grids';
import { fieldLabel, valueText } from '../../../renderer/src/pages/audit/auditWords';
import { memoryApi, partnerInput } from '../../helpers/workspace';

const catalogue = (lang: string, ns: string) => JSON.parse(readFileSync(`renderer/src/i18n/${lang}/${ns}.json`, 'utf8')) as Record<string, unknown>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every record type the domain audits under (entity: '…' in the domain and the handlers, and every exported grid). */
const audited = [
  ...new Set([
    ...sources('electron/domain').concat(sources('electron/api')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/entity: '([A-Za-z_]+)'/g)].map((m) => m[1]!)),
    ...GRID_NAMES,
  ]),
];

async function translator(lang: string) {
  const i = i18next.createInstance();
  const namespaces = readdirSync(`renderer/src/i18n/${lang}`).map((f) => f.replace(/\.json$/, ''));
  await i.init({ lng: lang, resources: { [lang]: Object.fromEntries(namespaces.map((ns) => [ns, catalogue(lang, ns)])) }, ns: namespaces, interpolation: { escapeValue: false } });
  return i.t;
}

describe('the audit trail in words (issue 11)', () => {
  it('names every area of the contract in both languages (the audit filter offers them by area)', () => {
    const areas = [...new Set(Object.keys(contract).map((op) => op.split('.')[0]!))];
    expect(areas.length).toBeGreaterThan(15);
    for (const lang of ['zh-CN', 'en']) {
      const words = catalogue(lang, 'audit').areaNames as Record<string, string>;
      expect(areas.filter((a) => !words[a]), lang).toEqual([]);
    }
  });

  it('names every audited record type in both languages', () => {
    expect(audited.length).toBeGreaterThan(20);
    for (const lang of ['zh-CN', 'en']) {
      const words = catalogue(lang, 'audit').entity as Record<string, string>;
      expect(audited.filter((e) => !words[e]), lang).toEqual([]);
    }
  });

  it('shows a record by its code and its changes as labels with formatted values', async () => {
    const { api } = memoryApi('alice');
    const p = await api.send('partners.create', partnerInput('P0301'));
    await api.send('partners.update', { id: p.id, patch: { tier: 'tier1', status: 'suspended' } });
    const rows = (await api.send('audit.list', { entity: 'partner' })).rows;
    expect(rows.map((r) => r.recordName)).toEqual(['P0301', 'P0301']);
    expect((await api.send('audit.history', { entity: 'partner', entityId: p.id }))[0]!.recordName).toBe('P0301');

    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(fieldLabel(zh, 'partner', 'tier')).toBe('渠道级别');
    expect(fieldLabel(en, 'partner', 'channelManagerId')).toMatch(/channel manager/i);
    expect(fieldLabel(zh, 'payout_run', 'totalMinor')).toMatch(/[\u4e00-\u9fff]/);
    expect(fieldLabel(zh, 'mdf_claim', 'amountMinor')).toBe('金额');
    expect(valueText(zh, 'partner', 'tier', 'tier1')).toBe('一级渠道');
    expect(valueText(zh, 'partner', 'status', 'suspended')).toBe('暂停');
    expect(valueText(zh, 'payout_run', 'status', 'approved')).toBe('已批准');
    expect(valueText(en, 'risk', 'status', 'mitigating')).toMatch(/mitigat/i);
    expect(valueText(zh, 'mdf_claim', 'amountMinor', 150000000)).toBe(valueText(en, 'mdf_claim', 'amountMinor', 150000000));
    expect(valueText(zh, 'mdf_claim', 'amountMinor', 150000000)).toMatch(/1,500,000\.00/);
    expect(valueText(zh, 'risk', 'reviewRequested', true)).toBe('是');
    // a stored UTC instant in local time, never the ISO text
    expect(valueText(zh, 'payout_run', 'approvedAt', '2026-03-01T02:03:04.000Z')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
