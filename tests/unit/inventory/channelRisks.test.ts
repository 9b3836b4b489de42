import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';
import { riskText, type RiskTextParams } from '../../../shared/riskTexts';
import { localDate } from '../../../shared/clock';

const daysAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const tmp = tempDir('pwb-channel-risks-');
afterAll(() => tmp.cleanup());

type RiskRow = { id: number; code: string; partnerId: number; ruleCode: string; category: string; status: string; owner: string | null; title: string; description: string; textCode: string };
/** The channel auto-risks, their words rendered in English (as stored: a text code and its parameters). */
const channelRisks = (ws: Workspace) =>
  (
    ws.sqlite
      .prepare(
        `select id, code, partner_id as partnerId, rule_code as ruleCode, category, status, owner, title, description, text_code as textCode, text_params as textParams from risks
         where rule_code like 'inventory:%' order by partner_id, rule_code, id`,
      )
      .all() as Array<RiskRow & { textParams: string }>
  ).map(({ textParams, ...r }) => ({ ...r, ...riskText({ ...r, textParams: JSON.parse(textParams) as RiskTextParams }, 'en') }) as RiskRow);
const lineIds = (ws: Workspace, where: string) => (ws.sqlite.prepare(`select id from sell_through_lines where ${where} order by id`).pluck().all() as number[]);

describe('channel auto-risks from the evaluation (窜货, 乱价)', () => {
  let ws: Workspace;
  let api: Api;
  let ids: Record<string, number>;

  beforeAll(async () => {
    ({ ws, api } = memoryApi());
    ids = await seedChannelFixture(api, tmp.dir);
    const cm = await api.send('channelManagers.create', { name: '王磊' });
    await api.send('partners.update', { id: ids.P001, patch: { channelManagerId: cm.id } });
  });

  it('raises a channel-conflict and a price-conflict risk with the evidence lines linked, owned by the channel manager', async () => {
    const run = await api.send('evaluations.run', { period: '2025-Q1' });
    expect(run.risks.created).toBeGreaterThanOrEqual(3);
    const risks = channelRisks(ws);
    // P001: the 广东 line is outside 华东 and under the floor; P003: its 浙江 line is outside 华东北片 (above the March floor).
    expect(risks.map((r) => [r.partnerId, r.ruleCode, r.category, r.status])).toEqual([
      [ids.P001, 'inventory:belowFloor', 'price_conflict', 'open'],
      [ids.P001, 'inventory:crossTerritory', 'channel_conflict', 'open'],
      [ids.P003, 'inventory:crossTerritory', 'channel_conflict', 'open'],
    ]);
    expect(risks[0].owner).toBe('王磊');
    expect(risks[2].owner).toBeNull();
    // A first review date like every auto-risk's: the run's local day + risk.autoReviewDays (30 by default).
    for (const r of ws.sqlite.prepare("select next_review_on as reviewOn, created_at as at from risks where rule_code like 'inventory:%'").all() as Array<{ reviewOn: string | null; at: string }>) {
      expect(r.reviewOn).toBe(daysAfter(localDate(new Date(r.at)), 30));
    }
    expect(risks[1].description).toContain('1 of 2 located lines');

    const cross = await api.send('inventory.riskEvidence', { riskId: risks[1].id });
    expect(cross.kind).toBe('crossTerritory');
    expect(cross.lines.map((l) => l.id)).toEqual(lineIds(ws, `partner_id = ${ids.P001} and customer_province = '广东' and quantity > 0`));
    expect(cross.lines[0]).toMatchObject({ provinceName: '广东省', territoryName: '华东' });
    const price = await api.send('inventory.riskEvidence', { riskId: risks[0].id });
    expect(price.lines).toHaveLength(1);
    expect(price.lines[0]).toMatchObject({ floorPriceMinor: 8000, unitPriceMinor: 7000 });
    expect((await api.send('inventory.riskEvidence', { riskId: risks[2].id })).lines.map((l) => l.customerRef)).toEqual(['C6']);
  });

  it('re-evaluating the same data adds no risk and changes none', async () => {
    const before = channelRisks(ws);
    const history = ws.sqlite.prepare('select count(*) from risk_history').pluck().get();
    const run = await api.send('evaluations.run', { period: '2025-Q1' });
    expect(channelRisks(ws)).toEqual(before);
    expect(ws.sqlite.prepare('select count(*) from risk_history').pluck().get()).toBe(history);
    expect(run.risks.closed ?? 0).toBe(0);
  });

  it('updates the open risk and its evidence by difference when new lines arrive, and an undo takes their links away', async () => {
    const [, cross] = channelRisks(ws);
    const file = writeFile(tmp.dir, 'more.csv', 'partnerCode,date,product,quantity,amount,customerRef,customerProvince\r\nP001,2025-03-05,CAM-01,2,200,C7,四川\r\nP001,2025-03-06,CAM-01,3,300,C1,浙江\r\n');
    const imp = await api.send('imports.run', { kind: 'sell-through', path: file });
    await api.send('evaluations.run', { period: '2025-Q1' });
    const after = channelRisks(ws);
    expect(after).toHaveLength(3);
    expect(after[1]).toMatchObject({ id: cross.id, status: 'open' });
    expect(after[1].description).toContain('2 of 4 located lines');
    const linked = (await api.send('inventory.riskEvidence', { riskId: cross.id })).lines.map((l) => l.customerRef).sort();
    expect(linked).toEqual(['C2', 'C7']);

    await api.send('imports.undo', { id: imp.importId });
    expect((await api.send('inventory.riskEvidence', { riskId: cross.id })).lines.map((l) => l.customerRef)).toEqual(['C2']);
  });

  it('closes the risk when its finding clears (the partner now covers the province), and raises a new one if it returns', async () => {
    const p003Risk = channelRisks(ws).find((r) => r.partnerId === ids.P003)!;
    await api.send('partners.update', { id: ids.P003, patch: { territory: 'HD' } });
    const run = await api.send('evaluations.run', { period: '2025-Q1' });
    expect(run.risks.closed).toBe(1);
    const closed = channelRisks(ws).find((r) => r.id === p003Risk.id)!;
    expect(closed.status).toBe('closed');
    expect(closed.description).toContain('condition cleared');
    // Evidence stays with the closed risk: what was found then.
    expect((await api.send('inventory.riskEvidence', { riskId: p003Risk.id })).lines).toHaveLength(1);

    await api.send('partners.update', { id: ids.P003, patch: { territory: 'HDN' } });
    await api.send('evaluations.run', { period: '2025-Q1' });
    const p003 = channelRisks(ws).filter((r) => r.partnerId === ids.P003);
    expect(p003.map((r) => r.status)).toEqual(['closed', 'open']);
  });

  it('raises nothing when the company switches the auto-risks off, and a share limit lets small findings pass', async () => {
    const fresh = memoryApi();
    await seedChannelFixture(fresh.api, tmp.dir);
    await fresh.api.send('inventory.rules.set', { crossTerritoryShareLimit: 0.5 });
    expect(await fresh.api.send('inventory.rules.get', {})).toMatchObject({ crossTerritoryShareLimit: 0.5, doiLimitDays: 90, autoRisks: true });
    await fresh.api.send('evaluations.run', { period: '2025-Q1' });
    // P001 and P003 sell exactly half their located lines outside: not above 50 %.
    expect(channelRisks(fresh.ws).map((r) => r.ruleCode)).toEqual(['inventory:belowFloor']);
    await fresh.api.send('inventory.rules.set', { autoRisks: false, crossTerritoryShareLimit: 0 });
    await fresh.api.send('evaluations.run', { period: '2025-Q1' });
    expect(channelRisks(fresh.ws)).toHaveLength(1);
    await expect(fresh.api.send('inventory.rules.set', { doiLimitDays: 0 })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });
});

describe('channel-stuffing auto-risk', () => {
  it('raises an inventory risk for two consecutive stuffing months and closes it when sell-through catches up', async () => {
    const { ws, api } = memoryApi();
    const s = (await api.send('partners.create', partnerInput('S001'))).id;
    await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
    // Sell-in +50 % in March and April against flat sell-through; May sells through 400.
    const sellIn = [100, 100, 150, 225, 225];
    const through = [100, 100, 100, 100, 400];
    await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'si.csv', 'partnerCode,date,product,quantity,amount\r\n' + sellIn.map((q, i) => `S001,2025-0${i + 1}-10,X,${q},${q}\r\n`).join('')) });
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', 'partnerCode,date,product,quantity\r\n' + through.map((q, i) => `S001,2025-0${i + 1}-12,X,${q}\r\n`).join('')) });
    await api.send('evaluations.run', { period: '2025-03' });
    expect(channelRisks(ws)).toEqual([]); // February grew nothing: one month alone does not raise it
    await api.send('evaluations.run', { period: '2025-04' });
    const [risk] = channelRisks(ws);
    expect(risk).toMatchObject({ partnerId: s, ruleCode: 'inventory:stuffing', category: 'inventory', status: 'open' });
    expect(risk.description).toContain('2025-03: sell-in 50.0% vs sell-through 0.0%');
    expect((await api.send('inventory.riskEvidence', { riskId: risk.id })).kind).toBeNull();
    await api.send('evaluations.run', { period: '2025-05' });
    expect(channelRisks(ws).map((r) => r.status)).toEqual(['closed']);
    // Re-running an older month leaves the register to the newest evaluation.
    await api.send('evaluations.run', { period: '2025-04' });
    expect(channelRisks(ws).map((r) => r.status)).toEqual(['closed']);
  });
});
