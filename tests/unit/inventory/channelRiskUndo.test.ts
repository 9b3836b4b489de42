import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';
import { riskText, type RiskTextParams } from '../../../shared/riskTexts';

const tmp = tempDir('pwb-channel-risk-undo-');
afterAll(() => tmp.cleanup());

interface Row {
  id: number;
  partnerId: number;
  ruleCode: string;
  status: string;
  textCode: string;
  textParams: string;
  title: string;
  description: string;
}
const risks = (ws: Workspace, partnerId: number) =>
  ws.sqlite
    .prepare<[number], Row>(
      `select id, partner_id as partnerId, rule_code as ruleCode, status, text_code as textCode, text_params as textParams, title, description
         from risks where rule_code in ('inventory:crossTerritory', 'inventory:belowFloor') and partner_id = ? order by rule_code, id`,
    )
    .all(partnerId);
const words = (r: Row, lang: 'zh-CN' | 'en') => riskText({ ...r, textParams: JSON.parse(r.textParams) as RiskTextParams }, lang).description!;
const evidence = async (api: Api, riskId: number) => (await api.send('inventory.riskEvidence', { riskId })).lines.map((l) => l.customerRef).sort();

/**
 * Undoing a sell-through import takes its lines and their evidence links away: each open 窜货/乱价 auto-risk they backed
 * is re-checked for the period it was raised in — closed when the finding no longer holds (no line left), kept open
 * when it still does — with a line naming the undone import, in the history and the undo's audit record.
 */
describe('undoing a sell-through import re-checks the channel risks its lines backed', () => {
  let ws: Workspace;
  let api: Api;
  let ids: Record<string, number>;
  let onlyP004: number;
  let moreP001: number;

  beforeAll(async () => {
    ({ ws, api } = memoryApi());
    ids = await seedChannelFixture(api, tmp.dir);
    // P004 (华东) sells to 广东 at 50.00 a unit, under the March floor of 60.00: its only 窜货 and 乱价 lines.
    onlyP004 = (await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'p004.csv', 'partnerCode,date,product,quantity,amount,customerRef,customerProvince\r\nP004,2025-03-12,CAM-01,2,100,C8,广东\r\n') })).importId;
    // P001 sells to 四川 as well: its 窜货 risk is backed by C2 (the fixture) and C7 (this import).
    moreP001 = (await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'p001.csv', 'partnerCode,date,product,quantity,amount,customerRef,customerProvince\r\nP001,2025-03-05,CAM-01,2,200,C7,四川\r\n') })).importId;
    await api.send('evaluations.run', { period: '2025-Q1' });
  });

  it('closes a risk whose every evidence line the undo removed, saying why in both languages', async () => {
    const before = risks(ws, ids.P004);
    expect(before.map((r) => [r.ruleCode, r.status])).toEqual([
      ['inventory:belowFloor', 'open'],
      ['inventory:crossTerritory', 'open'],
    ]);
    await api.send('imports.undo', { id: onlyP004 });
    const after = risks(ws, ids.P004);
    expect(after.map((r) => [r.id, r.status])).toEqual(before.map((r) => [r.id, 'closed']));
    for (const r of after) {
      expect(words(r, 'en').split('\n').at(-1)).toBe(`2025-Q1: evidence removed by undoing import ${onlyP004}; the condition no longer holds, closed.`);
      expect(words(r, 'zh-CN').split('\n').at(-1)).toBe(`2025-Q1：撤销导入 #${onlyP004} 删除了证据行，条件不再成立，已自动关闭。`);
      expect(r.description.split('\n').at(-1)).toBe(`2025-Q1：撤销导入 #${onlyP004} 删除了证据行，条件不再成立，已自动关闭。`); // the stored zh-CN text
    }
    // The history and the undo's audit record say so.
    const history = ws.sqlite.prepare<[number], { changes: string }>('select changes from risk_history where risk_id = ? order by id desc limit 1').get(after[0].id)!;
    expect(JSON.parse(history.changes)).toMatchObject({ status: { from: 'open', to: 'closed' } });
    const audit = ws.sqlite.prepare<[string], { after: string }>("select after from audit_log where operation = 'imports.undo' and entity_id = ?").get(String(onlyP004))!;
    expect(JSON.parse(audit.after)).toEqual({ removed: 1, restored: 0, risks: { closed: after.map((r) => r.id).sort((a, b) => a - b), rechecked: [] } });
  });

  it('keeps a risk open whose finding still holds on the lines left, with the re-checked measure', async () => {
    const [, cross] = risks(ws, ids.P001);
    expect(await evidence(api, cross.id)).toEqual(['C2', 'C7']);
    await api.send('imports.undo', { id: moreP001 });
    const [price, after] = risks(ws, ids.P001);
    expect(after).toMatchObject({ id: cross.id, status: 'open' });
    expect(await evidence(api, cross.id)).toEqual(['C2']);
    expect(words(after, 'en').split('\n').at(-1)).toBe(
      `2025-Q1: some evidence removed by undoing import ${moreP001}; re-checked, the condition still holds (1 of 2 located lines outside the territory (50.0%, ¥2,100.00; limit 0.0%)).`,
    );
    // The 乱价 risk had no line of that import: untouched.
    expect(words(price, 'en')).not.toContain('undoing');
    // The next evaluation of the same data words it as the evaluation does, without a new risk.
    await api.send('evaluations.run', { period: '2025-Q1' });
    const again = risks(ws, ids.P001);
    expect(again.map((r) => [r.id, r.status])).toEqual([[price.id, 'open'], [cross.id, 'open']]);
    expect(words(again[1], 'en')).toBe('2025-Q1: 1 of 2 located lines outside the territory (50.0%, ¥2,100.00; limit 0.0%). Raised by the evaluation of 2025-Q1.');
  });
});
