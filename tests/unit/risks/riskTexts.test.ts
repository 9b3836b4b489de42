import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { registerDeal } from '../../../electron/domain/deals/dealRegistration';
import { changeContextAt } from '../../../electron/domain/opContext';
import { setSetting } from '../../../electron/domain/system/settingsStore';
import { riskText } from '../../../shared/riskTexts';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

/**
 * The risks the workbench raises are stored as a text code plus parameters and read in the reader's language: no
 * "渠道冲突 / Channel conflict" with both languages at once, in the window, the exports or the CLI.
 */
const tmp = tempDir('pwb-risk-texts-');
afterAll(() => tmp.cleanup());
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const CJK = /[\u3400-\u9fff\uff01-\uff5e「」、。（）]/;
const ENGLISH_WORD = /\b(?:Channel|conflict|Customer|registered|Deal|registration|Quoted|floor|price|awaits|within|days)\b/;

async function conflict() {
  const { ws, api } = memoryApi('manager');
  cleanup = () => ws.close();
  const a = await api.send('partners.create', partnerInput('PA', { name: '华东贸易', nameEn: 'East Trading' }));
  const b = await api.send('partners.create', partnerInput('PB', { name: '南方商贸' }));
  setSetting(ws.db, 'deals.priceFloors', { 'smart-lock': 50_000 }, new Date());
  const at = changeContextAt(ws, 'u', new Date('2025-03-01T10:00:00'));
  registerDeal(at, { partnerId: a.id, customerName: '上海华信有限公司', productLine: 'smart-lock', expectedValueMinor: 1_000_000 });
  const r = registerDeal(at, { partnerId: b.id, customerName: '上海华信有限公司', productLine: 'smart-lock', expectedValueMinor: 1_000_000, quotedPriceMinor: 40_000 });
  return { ws, api, riskId: r.riskId!, dealId: r.deal.id };
}

describe("an auto-risk's description from its lines and legacy text", () => {
  const raised = { kind: 'raised' as const, period: '2025-Q1', measure: { rule: 'low_attainment' as const, attainment: 0.5, limit: 0.8 } };
  const cleared = { kind: 'cleared' as const, period: '2025-Q2', measure: { rule: 'low_attainment' as const, attainment: 0.9, limit: 0.8 }, closed: false };
  const text = (textParams: Parameters<typeof riskText>[0]['textParams'], lang: 'zh-CN' | 'en' = 'zh-CN') =>
    riskText({ title: '', description: 'stored', textCode: 'evaluation.low_attainment', textParams }, lang).description;

  it('puts the legacy text first and each line on a line of its own, in either language; nothing to say is no description', () => {
    const line1 = '2025-Q1：达成率 50.0%（下限 80.0%）。由 2025-Q1 的评估自动生成。';
    const line2 = '2025-Q2：条件已解除（达成率 90.0%（下限 80.0%）），请复核。';
    expect(text({ partner: 'P1', lines: [raised] })).toBe(line1);
    expect(text({ partner: 'P1', lines: [raised, cleared] })).toBe(`${line1}\n${line2}`);
    expect(text({ partner: 'P1', legacy: '旧说明', lines: [raised, cleared] })).toBe(`旧说明\n${line1}\n${line2}`);
    expect(text({ partner: 'P1', legacy: '旧说明', lines: [] })).toBe('旧说明');
    expect(text({ partner: 'P1', legacy: '旧说明' })).toBe('旧说明');
    expect(text({ partner: 'P1', legacy: '', lines: [] })).toBeNull();
    expect(text({ partner: 'P1' })).toBeNull();
    expect(text({ partner: 'P1', lines: [raised, cleared] }, 'en')).toBe(
      '2025-Q1: attainment 50.0% (limit 80.0%). Raised by the evaluation of 2025-Q1.\n2025-Q2: condition cleared (attainment 90.0% (limit 80.0%)), please review.',
    );
  });
});

describe('risk texts stored as code + parameters', () => {
  it('stores a deal conflict as a text code and renders it wholly in either language', async () => {
    const { api, riskId, dealId } = await conflict();
    const { risk } = await api.send('risks.get', { id: riskId });
    expect(risk.textCode).toBe('deal.channelConflict');
    expect(risk.textParams).toMatchObject({ customer: '上海华信有限公司', dealId, registeredBy: { code: 'PB' }, heldBy: [{ code: 'PA', name: '华东贸易' }] });
    const zh = riskText(risk, 'zh-CN');
    const en = riskText(risk, 'en');
    expect(zh.title).toBe('渠道冲突：上海华信有限公司');
    expect(en.title).toBe('Channel conflict: 上海华信有限公司');
    expect(zh.description).toContain('PB 南方商贸 报备的客户「上海华信有限公司」已由 PA 华东贸易 报备');
    expect(zh.description).toContain('低于产品线「smart-lock」的底价 ¥500.00');
    expect(zh.description).not.toMatch(ENGLISH_WORD);
    // English: only the names people typed (customer, partner) are Chinese.
    const enWithoutNames = en.description!.replaceAll('上海华信有限公司', '').replaceAll('华东贸易', '').replaceAll('南方商贸', '');
    expect(enWithoutNames).not.toMatch(CJK);
    expect(enWithoutNames).toContain(`Quoted price ¥400.00 is below the floor ¥500.00 of product line “smart-lock”`);
    // The stored columns hold the zh-CN words (for plain SQL readers), not both languages.
    expect(risk.title).toBe(zh.title);
    expect(risk.description).toBe(zh.description);
  });

  it('keeps the code when the form sends the words it showed, and drops it when a person rewrites them', async () => {
    const { api, riskId } = await conflict();
    const { risk } = await api.send('risks.get', { id: riskId });
    const en = riskText(risk, 'en');
    // The English form saved unchanged (plus a new owner): still coded, no title/description change in the history.
    await api.send('risks.save', { id: riskId, fields: { title: en.title, description: en.description, owner: '李娜' } });
    const kept = await api.send('risks.get', { id: riskId });
    expect(kept.risk.textCode).toBe('deal.channelConflict');
    expect(kept.risk.owner).toBe('李娜');
    expect(Object.keys(kept.history[0].changes)).toEqual(['owner']);
    // A person's own title: the risk reads as typed in both languages from now on.
    await api.send('risks.save', { id: riskId, fields: { title: '华信撞单，周五前裁定', description: en.description } });
    const edited = await api.send('risks.get', { id: riskId });
    expect(edited.risk.textCode).toBeNull();
    expect(riskText(edited.risk, 'zh-CN').title).toBe('华信撞单，周五前裁定');
    expect(riskText(edited.risk, 'en').title).toBe('华信撞单，周五前裁定');
    // Its description is what the English form showed, as the person saved it.
    expect(edited.risk.description).toBe(en.description);
  });

  it('finds a coded risk by its words in either language, and exports it in the chosen language', async () => {
    const { api, riskId } = await conflict();
    expect((await api.send('risks.list', { search: 'Channel conflict' })).rows.map((r) => r.id)).toEqual([riskId]);
    expect((await api.send('risks.list', { search: '渠道冲突' })).rows.map((r) => r.id)).toEqual([riskId]);
    const dir = tmp.dir;
    const exportIn = async (language: 'zh-CN' | 'en') => {
      const out = join(dir, `risks-${language}.csv`);
      await api.send('grids.export', {
        grid: 'risks',
        query: {},
        columns: [
          { colId: 'code', header: 'Code' },
          { colId: 'title', header: 'Title' },
          { colId: 'description', header: 'Description' },
        ],
        hiddenColumns: [],
        sort: [],
        filterModel: {},
        format: 'csv',
        out,
        language,
      });
      return readFileSync(out, 'utf8');
    };
    const en = await exportIn('en');
    expect(en).toContain('Channel conflict: 上海华信有限公司');
    expect(en).not.toContain('渠道冲突');
    expect(en).not.toContain('报备');
    const zh = await exportIn('zh-CN');
    expect(zh).toContain('渠道冲突：上海华信有限公司');
    expect(zh).not.toMatch(ENGLISH_WORD);
  });
});
