import { afterAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { riskText, type RiskTextParams } from '../../../shared/riskTexts';

const tmp = tempDir('pwb-stuffing-risk-undo-');
afterAll(() => tmp.cleanup());

interface Row {
  id: number;
  status: string;
  title: string;
  description: string;
  textCode: string;
  textParams: string;
}
const stuffingRisk = (ws: Workspace, partnerId: number) =>
  ws.sqlite
    .prepare<[number], Row>(
      `select id, status, title, description, text_code as textCode, text_params as textParams from risks where rule_code = 'inventory:stuffing' and partner_id = ?`,
    )
    .all(partnerId);
const lastLine = (r: Row, lang: 'zh-CN' | 'en') => riskText({ ...r, textParams: JSON.parse(r.textParams) as RiskTextParams }, lang).description!.split('\n').at(-1);
const undoAudit = (ws: Workspace, importId: number) =>
  JSON.parse(ws.sqlite.prepare<[string], string>("select after from audit_log where operation = 'imports.undo' and entity_id = ?").pluck().get(String(importId))!) as unknown;
const lastHistory = (ws: Workspace, riskId: number) =>
  JSON.parse(ws.sqlite.prepare<[number], string>('select changes from risk_history where risk_id = ? order by id desc limit 1').pluck().get(riskId)!) as Record<string, unknown>;

const csv = (head: string, rows: string[]) => `${head}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;

/**
 * Undoing a sales, stock or sell-through import takes away rows the channel-stuffing signal read (sell-in growth,
 * sell-through growth, days of inventory): each open stuffing auto-risk of a partner in that import is re-checked for
 * the period it was raised in — kept with the re-checked figures, or closed — with a line naming the undone import.
 * Figures by hand: monthly periods; gap limit 20 points, DOI limit 90 days (the defaults).
 */
describe('undoing an import re-checks the channel-stuffing risks its rows fed', () => {
  it('sell-in: keeps a risk that still holds without the import, closes one that does not', async () => {
    const { ws, api } = memoryApi();
    const s1 = (await api.send('partners.create', partnerInput('S001'))).id;
    const s2 = (await api.send('partners.create', partnerInput('S002'))).id;
    await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
    const head = 'partnerCode,date,product,quantity,amount';
    const sales = (name: string, rows: string[]) => api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, name, csv(head, rows)) });
    // S001 sells in 100, 100, 150, 200 (+ 25 in import B); S002 100, 100, 150 (+ 225 in April, import D).
    await sales('a.csv', ['S001,2025-01-10,X,100,100', 'S001,2025-02-10,X,100,100', 'S001,2025-03-10,X,150,150', 'S001,2025-04-10,X,200,200', 'S002,2025-01-10,X,100,100', 'S002,2025-02-10,X,100,100', 'S002,2025-03-10,X,150,150']);
    const b = (await sales('b.csv', ['S001,2025-04-20,X,25,25'])).importId;
    const d = (await sales('d.csv', ['S002,2025-04-20,X,225,225'])).importId;
    // Both sell through a flat 100 a month: sell-through growth 0.0 %.
    const through = ['S001', 'S002'].flatMap((p) => [1, 2, 3, 4].map((m) => `${p},2025-0${m}-12,X,100`));
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', csv('partnerCode,date,product,quantity', through)) });
    // March +50 % (150 on 100) and April +50 % (225 on 150) against 0 %: both raised for 2025-04.
    await api.send('evaluations.run', { period: '2025-04' });
    const [r1] = stuffingRisk(ws, s1);
    const [r2] = stuffingRisk(ws, s2);
    expect([r1.status, r2.status]).toEqual(['open', 'open']);

    // Without B, S001's April is 200 on 150: +33.3 %, still 33.3 points over sell-through (limit 20).
    await api.send('imports.undo', { id: b });
    const [k1] = stuffingRisk(ws, s1);
    expect(k1.status).toBe('open');
    expect(lastLine(k1, 'en')).toBe(
      `2025-04: undoing import ${b} removed sell-in lines the signal read; re-checked, the condition still holds (2025-03: sell-in 50.0% vs sell-through 0.0% ✗; 2025-04: sell-in 33.3% vs sell-through 0.0% ✗ (limits: 20 points, DOI 90 days)).`,
    );
    expect(lastLine(k1, 'zh-CN')).toBe(
      `2025-04：撤销导入 #${b} 删除了信号所依据的进货明细，复核后条件仍成立（2025-03：进货增长 50.0%，动销增长 0.0% ✗；2025-04：进货增长 33.3%，动销增长 0.0% ✗（阈值：相差 20 个百分点，库存天数 90 天））。`,
    );
    expect(k1.description.split('\n').at(-1)).toBe(lastLine(k1, 'zh-CN')); // the stored zh-CN words
    expect(stuffingRisk(ws, s2)[0].description).toBe(r2.description); // S002 had no line in B
    expect(undoAudit(ws, b)).toEqual({ removed: 1, restored: 0, risks: { closed: [], rechecked: [r1.id] } });

    // Without D, S002 sold nothing in April: −100 % against 0 % is no gap, and there is no stock for a DOI.
    await api.send('imports.undo', { id: d });
    const [c2] = stuffingRisk(ws, s2);
    expect(c2.status).toBe('closed');
    expect(lastLine(c2, 'en')).toBe(
      `2025-04: undoing import ${d} removed sell-in lines the signal read; re-checked, the condition no longer holds (2025-03: sell-in 50.0% vs sell-through 0.0% ✗; 2025-04: sell-in -100.0% vs sell-through 0.0% (limits: 20 points, DOI 90 days)), closed.`,
    );
    expect(lastLine(c2, 'zh-CN')).toBe(
      `2025-04：撤销导入 #${d} 删除了信号所依据的进货明细，复核后条件不再成立（2025-03：进货增长 50.0%，动销增长 0.0% ✗；2025-04：进货增长 -100.0%，动销增长 0.0%（阈值：相差 20 个百分点，库存天数 90 天）），已自动关闭。`,
    );
    expect(lastHistory(ws, c2.id)).toMatchObject({ status: { from: 'open', to: 'closed' } });
    expect(undoAudit(ws, d)).toEqual({ removed: 1, restored: 0, risks: { closed: [r2.id], rechecked: [] } });
  });

  it('stock reports: leaves a risk alone when the import is dated after its period, re-checks the days of inventory otherwise', async () => {
    const { ws, api } = memoryApi();
    const t = (await api.send('partners.create', partnerInput('T001'))).id;
    await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
    // Flat sell-in; sell-through of one unit a day (Feb 28, Mar 31, Apr 30): no growth gap over 20 points.
    await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'si.csv', csv('partnerCode,date,product,quantity,amount', [1, 2, 3, 4].map((m) => `T001,2025-0${m}-10,X,100,100`))) });
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', csv('partnerCode,date,product,quantity', ['T001,2025-01-12,X,31', 'T001,2025-02-12,X,28', 'T001,2025-03-12,X,31', 'T001,2025-04-12,X,30'])) });
    const stock = (name: string, row: string) => api.send('imports.run', { kind: 'inventory', path: writeFile(tmp.dir, name, csv('partnerCode,date,product,quantity', [row])) });
    const i1 = (await stock('i1.csv', 'T001,2025-03-31,X,300')).importId; // March DOI 300 / (31 / 31) = 300 days
    const i2 = (await stock('i2.csv', 'T001,2025-04-30,X,120')).importId; // April DOI 120 / (30 / 30) = 120 days
    const i3 = (await stock('i3.csv', 'T001,2025-05-31,X,10')).importId; // after April: the signal of 2025-04 never read it
    await api.send('evaluations.run', { period: '2025-04' });
    const [raised] = stuffingRisk(ws, t);
    expect(raised.status).toBe('open');

    await api.send('imports.undo', { id: i3 });
    expect(stuffingRisk(ws, t)).toEqual([raised]);
    expect(undoAudit(ws, i3)).toEqual({ removed: 1, restored: 0 });

    // Without April's report, the stock at April's end is March's 300: DOI 300, still over 90.
    await api.send('imports.undo', { id: i2 });
    const [kept] = stuffingRisk(ws, t);
    expect(kept.status).toBe('open');
    expect(lastLine(kept, 'en')).toBe(
      `2025-04: undoing import ${i2} removed stock reports the signal read; re-checked, the condition still holds (2025-03: sell-in 0.0% vs sell-through 10.7%, DOI 300.0 ✗; 2025-04: sell-in 0.0% vs sell-through -3.2%, DOI 300.0 ✗ (limits: 20 points, DOI 90 days)).`,
    );
    expect(lastLine(kept, 'zh-CN')).toBe(
      `2025-04：撤销导入 #${i2} 删除了信号所依据的库存上报，复核后条件仍成立（2025-03：进货增长 0.0%，动销增长 10.7%，库存天数 300.0 ✗；2025-04：进货增长 0.0%，动销增长 -3.2%，库存天数 300.0 ✗（阈值：相差 20 个百分点，库存天数 90 天））。`,
    );

    // Without any report there is no DOI, and the growths show no gap: closed.
    await api.send('imports.undo', { id: i1 });
    const [closed] = stuffingRisk(ws, t);
    expect(closed.status).toBe('closed');
    expect(lastLine(closed, 'en')).toBe(
      `2025-04: undoing import ${i1} removed stock reports the signal read; re-checked, the condition no longer holds (2025-03: sell-in 0.0% vs sell-through 10.7%; 2025-04: sell-in 0.0% vs sell-through -3.2% (limits: 20 points, DOI 90 days)), closed.`,
    );
    expect(undoAudit(ws, i1)).toEqual({ removed: 1, restored: 0, risks: { closed: [raised.id], rechecked: [] } });
    // The next evaluation of the same data raises nothing new.
    await api.send('evaluations.run', { period: '2025-04' });
    expect(stuffingRisk(ws, t).map((r) => r.status)).toEqual(['closed']);
  });

  it('sell-through: a partner whose April sell-through goes keeps its risk with the re-checked growth', async () => {
    const { ws, api } = memoryApi();
    const u = (await api.send('partners.create', partnerInput('U001'))).id;
    await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
    await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'si.csv', csv('partnerCode,date,product,quantity,amount', ['U001,2025-02-10,X,100,100', 'U001,2025-03-10,X,150,150', 'U001,2025-04-10,X,225,225'])) });
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st1.csv', csv('partnerCode,date,product,quantity', ['U001,2025-02-12,X,100', 'U001,2025-03-12,X,100', 'U001,2025-04-12,X,80'])) });
    const late = (await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st2.csv', csv('partnerCode,date,product,quantity', ['U001,2025-04-25,X,20'])) })).importId;
    await api.send('evaluations.run', { period: '2025-04' });
    const [raised] = stuffingRisk(ws, u);
    expect(raised.status).toBe('open');
    // April sells through 80 instead of 100: −20.0 %, so the gap widens to 70 points.
    await api.send('imports.undo', { id: late });
    const [kept] = stuffingRisk(ws, u);
    expect(kept.status).toBe('open');
    expect(lastLine(kept, 'en')).toBe(
      `2025-04: undoing import ${late} removed sell-through lines the signal read; re-checked, the condition still holds (2025-03: sell-in 50.0% vs sell-through 0.0% ✗; 2025-04: sell-in 50.0% vs sell-through -20.0% ✗ (limits: 20 points, DOI 90 days)).`,
    );
    expect(undoAudit(ws, late)).toEqual({ removed: 1, restored: 0, risks: { closed: [], rechecked: [raised.id] } });
  });
});
