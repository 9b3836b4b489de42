import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { populationLine } from '../../../electron/cli/runtime';
import { exclusionText } from '../../../renderer/src/components/PopulationNote';
import type { Population } from '../../../shared/population';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'renderer', 'src', 'i18n');
const load = (lang: string, ns: string) => JSON.parse(readFileSync(join(ROOT, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;

/** A rule whose values are names says whom it counts, each name quoted: it read 本次只计 合作中 (a stray space, no quotes). */
const population: Population = {
  considered: 5,
  included: 1,
  excluded: { status: 3, channelType: 1 },
  reasons: [
    { reason: 'status', params: { value: 'suspended', expected: ['active', 'probation'] }, count: 3 },
    { reason: 'channelType', params: { value: 'retail', expected: ['distributor'] }, count: 1 },
  ],
};

describe('population rules in words', () => {
  it('the page: 本次只计状态为“合作中”的伙伴 / only partners with status “Active” count here', async () => {
    const i18n = i18next.createInstance();
    const ns = (lang: string) => ({ common: load(lang, 'common'), population: load(lang, 'population') });
    await i18n.init({ lng: 'zh-CN', resources: { en: ns('en'), 'zh-CN': ns('zh-CN') }, defaultNS: 'common', interpolation: { escapeValue: false } });
    const [status, channel] = population.reasons;
    expect(exclusionText(i18n.t, status)).toBe('3 个伙伴的状态为“暂停”（本次只计状态为“合作中”、“考察期”的伙伴）');
    expect(exclusionText(i18n.t, channel)).toBe('1 个伙伴的渠道类型为“零售商”（本次只计渠道类型为“分销商”的伙伴）');
    await i18n.changeLanguage('en');
    expect(exclusionText(i18n.t, status)).toBe('3 partners have status “Suspended” (only partners with status “Active”, “Probation” count here)');
    expect(exclusionText(i18n.t, channel)).toBe('1 partner is of channel type “Retailer” (only partners of channel type “Distributor” count here)');
  });

  it('the command line says the same', () => {
    expect(populationLine(population, 'zh-CN')).toContain('3 个状态为“暂停”（本次只计状态为“合作中”、“考察期”的伙伴）');
    expect(populationLine(population, 'en')).toContain('3 with status “Suspended” (only partners with status “Active”, “Probation” count here)');
  });
});
