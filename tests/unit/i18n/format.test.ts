import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../renderer/src/format';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'renderer', 'src', 'i18n');
const load = (lang: string, ns: string) => JSON.parse(readFileSync(join(ROOT, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

describe('formatDateTime', () => {
  it('shows a stored UTC timestamp as local YYYY-MM-DD HH:mm:ss, whatever the browser locale', () => {
    const local = new Date(2025, 0, 5, 7, 3, 9);
    expect(formatDateTime(local.toISOString())).toBe('2025-01-05 07:03:09');
    expect(formatDateTime(local)).toBe('2025-01-05 07:03:09');
  });
  it('leaves empty and non-date values readable', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('counts in the catalogues', () => {
  it('group thousands and use the singular in English', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      resources: { en: { common: load('en', 'common'), sales: load('en', 'sales'), inventory: load('en', 'inventory') }, 'zh-CN': { common: load('zh-CN', 'common'), sales: load('zh-CN', 'sales'), inventory: load('zh-CN', 'inventory') } },
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    });
    expect(i18n.t('grid.rows', { count: 1 })).toBe('1 row');
    expect(i18n.t('grid.rows', { count: 209522 })).toBe('209,522 rows');
    expect(i18n.t('grid.rowsShown', { shown: 1, count: 9 })).toBe('1 of 9 rows');
    expect(i18n.t('grid.rowsShown', { shown: 0, count: 1 })).toBe('0 of 1 row');
    expect(i18n.t('sales:totals', { count: 209522, amount: '¥1.00', margin: '1 %' })).toContain('209,522 lines');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('grid.rows', { count: 209522 })).toBe('共 209,522 行');
    expect(i18n.t('grid.rows', { count: 1 })).toBe('共 1 行');
    // The risk form's evidence: lines counted with 条 (it read 1 行出货, "1 row sell-through").
    expect(i18n.t('inventory:riskEvidence.title', { count: 1 })).toBe('证据明细（1 条出货明细）');
    // So do the dashboard's 窜货 / 乱价 cards (they read 54 行, 35 行低于底价).
    expect(i18n.t('inventory:kpi.crossTerritory', { lines: 54 })).toBe('窜货伙伴（54 条出货明细）');
    expect(i18n.t('inventory:kpi.belowFloor', { lines: 35 })).toBe('乱价伙伴（35 条低于底价）');
  });
});
