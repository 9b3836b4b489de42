import { fixedClock } from '../../../shared/clock';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { packContext, reviewPackData, targetOf } from '../../../electron/domain/reviews/reviewPackData';
import { renderReviewPackPdf } from '../../../electron/domain/reviews/reviewPackPdf';
import { proposeActions } from '../../../electron/domain/reviews/proposals';
import { parsePeriod } from '../../../shared/period';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { pwb } from '../../helpers/cli';
import { fileWorkspace } from '../../helpers/workspace';
import { createApi } from '../../../electron/api/api';

/** The operation clock on `day` (noon in Beijing). */
const dayClock = (day: string) => fixedClock(`${day}T04:00:00.000Z`, 'Asia/Shanghai');

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

let seq = 0;
function sale(ws: Workspace, partnerId: number, date: string, amountMinor: number, product = '智能摄像机 C3', category = '智能安防') {
  ws.sqlite
    .prepare('insert into sales_lines (partner_id, date, amount_minor, cost_minor, quantity, product, category, currency, customer_ref, dedupe_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(partnerId, date, amountMinor, Math.round(amountMinor * 0.7), 1, product, category, 'CNY', `C${seq % 3}`, `row:${++seq}`);
}
function target(ws: Workspace, partnerId: number, period: string, value: number) {
  ws.sqlite.prepare("insert into targets (partner_id, period, metric, value) values (?, ?, 'revenue', ?)").run(partnerId, period, value);
}

/** A partner with two years of quarterly sales and targets, evaluated for 2026-Q2 and 2026-Q3, and a Q2 review. */
async function fixture(ws: Workspace, api: Api) {
  const p = await api.send('partners.create', partnerInput('P0001', { name: '杭州恒信商贸有限公司', nameEn: 'Hangzhou Hengxin Trading Co., Ltd.', tier: 'tier1', joinedOn: '2020-01-01' }));
  for (const q of ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']) {
    const { start } = parsePeriod(q);
    sale(ws, p.id, start.replace(/-01$/, '-15'), 10_000_000);
    target(ws, p.id, q, 10_000_000);
  }
  // 2026-Q3: ¥123,456.78 against ¥150,000.00 → 82.3 %.
  sale(ws, p.id, '2026-07-10', 10_000_000, '智能摄像机 C3', '智能安防');
  sale(ws, p.id, '2026-08-20', 2_345_678, '千兆交换机 S8', '网络设备');
  target(ws, p.id, '2026-Q3', 15_000_000);
  target(ws, p.id, '2026-Q4', 16_000_000);
  await api.send('evaluations.run', { period: '2026-Q2' });
  await api.send('evaluations.run', { period: '2026-Q3' });
  await api.send('reviews.meetings.save', {
    partnerId: p.id,
    period: '2026-Q2',
    heldOn: '2026-07-12',
    attendees: ['王经理', '陈总'],
    decisions: ['三季度主推网络设备'],
    actions: [
      { description: '补齐两名工程师认证', owner: '王经理', dueOn: '2026-08-31' },
      { description: '提交三季度促销计划', owner: '陈总', dueOn: '2026-07-31', status: 'done' },
    ],
  });
  return p;
}

function pdfText(pdf: Buffer): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'p.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The decompressed content streams of a pdfkit document (FlateDecode), concatenated. */
function contentStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  // Each "N 0 obj <<…>> stream … endstream": the bytes between the keyword's line end and "endstream".
  const re = /[^d]stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      /* a font program or an uncompressed stream: not page content */
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out.join('\n');
}

describe('review pack', () => {
  it('holds the partner, period, revenue, attainment and action items, in Chinese and in English', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    const p = await fixture(ws, api);
    const ctx = packContext(ws, dayClock('2026-11-29'));
    const data = reviewPackData(ctx, p.id, '2026-Q3', 'zh-CN');
    expect(data.target).toMatchObject({ actualMinor: 12_345_678, targetMinor: 15_000_000, gapMinor: 2_654_322, state: 'complete', next: { label: '2026-Q4', targetMinor: 16_000_000 } });
    expect(data.score?.grade).toMatch(/^[ABCD]$/);
    expect(data.previousScore?.period).toBe('2026-Q2');
    expect(data.trend.map((t) => t.label)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    expect(data.mix.categories.map((c) => [c.name, c.amountMinor])).toEqual([['智能安防', 10_000_000], ['网络设备', 2_345_678]]);
    expect(data.carriedActions.map((a) => [a.description, a.status, a.overdue])).toEqual([['补齐两名工程师认证', 'open', true], ['提交三季度促销计划', 'done', false]]);
    expect(data.proposals.map((x) => x.source)).toEqual(expect.arrayContaining(['attainment', 'carried', 'target']));

    const zh = pdfText(await renderReviewPackPdf(data));
    for (const s of ['杭州恒信商贸有限公司', 'P0001', '2026年第3季度', '¥123,456.78', '82.3%', '补齐两名工程师认证', '提交三季度促销计划', '已完成', '三季度主推网络设备', '缺口 ¥26,543.22'])
      expect(zh).toContain(s);

    const en = pdfText(await renderReviewPackPdf(reviewPackData(ctx, p.id, '2026-Q3', 'en')));
    for (const s of ['Hangzhou Hengxin Trading Co., Ltd.', 'Business review', '2026 Q3', '¥123,456.78', '82.3%', '补齐两名工程师认证', 'Done', 'Agree a recovery plan']) expect(en).toContain(s);
    expect(en).not.toMatch(/[业务回顾评级达成率]{2}/);
  });

  it('draws the charts as vector paths, not images', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    const p = await fixture(ws, api);
    const pdf = await renderReviewPackPdf(reviewPackData(packContext(ws, dayClock('2026-11-29')), p.id, '2026-Q3', 'zh-CN'));
    expect(pdf.toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
    const content = contentStreams(pdf);
    // Bars, lines and axes: path construction (m, l, c, re) and painting (f, S) operators in the page content.
    const paths = (content.match(/\s(?:l|c|re)\n/g) ?? []).length;
    const fills = (content.match(/\s(?:f|S|B)\n/g) ?? []).length;
    expect(paths).toBeGreaterThan(150);
    expect(fills).toBeGreaterThan(40);
    // The chart's own text comes through as text: the attainment chart's 100 % line label and a data label.
    const text = pdfText(pdf);
    expect(text).toMatch(/100%/);
    expect(text).toContain('26-Q3');
  });

  it('forecasts an open period linearly and by last year’s shape, rounded once to the fen', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    const p = await api.send('partners.create', partnerInput('P0002'));
    // Last year: ¥100 by 2025-08-15 of ¥400 in the quarter; this year ¥100.01 by 2026-08-15.
    sale(ws, p.id, '2025-07-05', 10_000);
    sale(ws, p.id, '2025-09-20', 30_000);
    sale(ws, p.id, '2026-07-05', 10_001);
    const ctx = packContext(ws, dayClock('2026-08-15'));
    const t = targetOf(ctx, p.id, parsePeriod('2026-Q3'), 10_001, 50_000);
    // 46 of 92 days: linear = 10 001 × 92 / 46 = 20 002; seasonal = 10 001 × 40 000 / 10 000 = 40 004.
    expect(t).toMatchObject({ state: 'in_progress', daysElapsed: 46, daysTotal: 92, forecastLinearMinor: 20_002, forecastSeasonalMinor: 40_004, gapMinor: 39_999 });
    expect(t.forecastAttainment).toBeCloseTo(40_004 / 50_000, 10);
    // 1 of 31 days of a month: 333 × 31 / 1; half a fen rounds away from zero (3 × 3 / 2 = 4.5 → 5).
    expect(targetOf(packContext(ws, dayClock('2026-01-01')), p.id, parsePeriod('2026-01'), 333, null).forecastLinearMinor).toBe(10_323);
    expect(targetOf(packContext(ws, dayClock('2026-02-14')), p.id, parsePeriod('2026-02'), 3, null).forecastLinearMinor).toBe(6);
    expect(targetOf(ctx, p.id, parsePeriod('2026-Q4'), 0, 1).state).toBe('not_started');
  });

  it('proposes a recovery plan, a grade review, training, risk and deal actions from the figures', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    const p = await fixture(ws, api);
    const base = reviewPackData(packContext(ws, dayClock('2026-11-29')), p.id, '2026-Q3', 'en');
    const props = proposeActions(
      {
        ...base,
        score: { ...base.score!, grade: 'C', healthScore: 61.5 },
        previousScore: { ...base.score!, grade: 'B', healthScore: 72 },
        training: { required: 4, valid: 2, compliance: 0.5, expiring: [{ courseCode: 'C1', courseTitle: 'Safety', trainee: 'Li', certificateNo: null, expiresOn: '2026-12-05', daysLeft: 6, required: true }] },
        risks: [{ code: 'R-0007', title: 'Credit limit exceeded', category: 'credit', level: 'high', score: 12, status: 'open', owner: 'Zhang', nextReviewOn: '2026-12-10' }],
        deals: [{ customerName: 'ACME', productLine: '网络设备', expectedValueMinor: 1, status: 'conflict', expectedCloseOn: null, protectedUntil: null }],
      },
      [],
    );
    expect(props.map((x) => x.source)).toEqual(['attainment', 'grade', 'training', 'certificates', 'risk', 'deal', 'carried', 'target']);
    expect(props[0].text).toBe('Agree a recovery plan: 2026 Q3 attainment 82.3%, ¥26,543.22 short of target');
    expect(props[1].text).toContain('from B to C');
    expect(props[3].dueOn).toBe('2026-12-05');
    expect(props[4]).toMatchObject({ owner: 'Zhang', dueOn: '2026-12-10' });
  });
});

describe('end customers and proposals carried forward', () => {
  function buy(ws: Workspace, partnerId: number, date: string, amountMinor: number, customer: string) {
    ws.sqlite
      .prepare('insert into sales_lines (partner_id, date, amount_minor, quantity, currency, customer_ref, dedupe_key) values (?, ?, ?, 1, ?, ?, ?)')
      .run(partnerId, date, amountMinor, 'CNY', customer, `buy:${++seq}`);
  }

  it('summarises end customers (segments, lapsed, new vs repeat), stores the proposals and shows next period what became of them', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    const p = await api.send('partners.create', partnerInput('P0100', { name: '宁波远景电子', nameEn: 'Ningbo Vista Electronics' }));
    // As of 2026-09-30, window (2025-09-30, 2026-09-30]: 老客户甲 bought only before it (lapsed); 乙 before and in Q3
    // (repeat); 丙 first in Q3 (new).
    buy(ws, p.id, '2025-03-10', 5_000_000, '老客户甲');
    buy(ws, p.id, '2025-05-01', 1_000_000, '客户乙');
    buy(ws, p.id, '2026-08-01', 2_000_000, '客户乙');
    buy(ws, p.id, '2026-07-15', 3_000_000, '客户丙');
    target(ws, p.id, '2026-Q4', 6_000_000);
    const q3 = reviewPackData(packContext(ws, dayClock('2026-11-29')), p.id, '2026-Q3', 'zh-CN');
    expect(q3.customers).toMatchObject({ asOf: '2026-09-30', active: 2, lapsed: 1, lapsedAmountMinor: 5_000_000, buyers: 2, newBuyers: 1, repeatBuyers: 1, newRevenueMinor: 3_000_000, repeatRevenueMinor: 2_000_000 });
    expect(q3.customers!.segments).toMatchObject({ new: 1, lost: 1 });
    expect(q3.customers!.topLapsed).toEqual([{ customer: '老客户甲', lastPurchaseOn: '2025-03-10', previousAmountMinor: 5_000_000 }]);
    const winBack = q3.proposals.find((x) => x.source === 'customers')!;
    expect(winBack.text).toContain('挽回 1 家流失终端客户');
    const text = pdfText(await renderReviewPackPdf(q3));
    for (const x of ['终端客户', '老客户甲', '新客户 / 老客户', '¥30,000.00', '¥50,000.00']) expect(text).toContain(x);
    expect(text).toMatch(/新客户 \/ 老客户\s+1\s*\/\s*1/);

    // Exporting stores the proposals in both languages; a meeting agrees the win-back (in English words).
    await api.send('reviews.export', { period: '2026-Q3', out: dir, partnerCodes: ['P0100'] });
    const stored = () => ws.sqlite.prepare('select source, text_zh as zh, text_en as en, action_id as actionId from review_proposals where partner_id = ? order by id').all(p.id) as Array<{ source: string; zh: string; en: string; actionId: number | null }>;
    const first = stored();
    expect(first.map((r) => r.source)).toEqual(['customers', 'target']);
    expect(first.map((r) => r.source)).toEqual(q3.proposals.filter((x) => x.source !== 'meeting').map((x) => x.source));
    const wb = first.find((r) => r.source === 'customers')!;
    expect(wb.en).toContain('Win back 1 lapsed end customer (');
    await api.send('reviews.meetings.save', { partnerId: p.id, period: '2026-Q3', heldOn: '2026-10-10', attendees: ['王经理'], decisions: [], actions: [{ description: wb.en, owner: '王经理', dueOn: '2026-11-30' }] });
    expect(stored().find((r) => r.source === 'customers')!.actionId).not.toBeNull();
    // Exported again: the agreed one stays once, the others are replaced (not doubled).
    await api.send('reviews.export', { period: '2026-Q3', out: dir, partnerCodes: ['P0100'], onExists: 'replace' });
    const again = stored();
    expect(again.filter((r) => r.source === 'customers')).toHaveLength(1);
    expect(again).toHaveLength(first.length);

    // The Q4 pack lists Q3's proposals with what became of them.
    const q4 = reviewPackData(packContext(ws, dayClock('2027-01-15')), p.id, '2026-Q4', 'en');
    const carried = q4.previousProposals.find((x) => x.source === 'customers')!;
    expect(carried).toMatchObject({ period: '2026-Q3', actionStatus: 'open' });
    expect(carried.text).toBe(wb.en);
    expect(q4.previousProposals.filter((x) => x.actionStatus === null).length).toBe(first.length - 1);
    const q4text = pdfText(await renderReviewPackPdf(q4));
    expect(q4text).toContain("Last period's proposed actions and what became of them");
    expect(q4text).toContain('Agreed · Open');
    expect(q4text).toContain('Not taken up');
    const q4zh = reviewPackData(packContext(ws, dayClock('2027-01-15')), p.id, '2026-Q4', 'zh-CN');
    expect(q4zh.previousProposals.find((x) => x.source === 'customers')!.text).toBe(wb.zh);
  });

  it('has no end-customer section figures when the partner has no customer data', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    const p = await api.send('partners.create', partnerInput('P0101'));
    ws.sqlite.prepare("insert into sales_lines (partner_id, date, amount_minor, quantity, currency, dedupe_key) values (?, '2026-08-01', 100, 1, 'CNY', 'nc:1')").run(p.id);
    const d = reviewPackData(packContext(ws, dayClock('2026-11-29')), p.id, '2026-Q3', 'en');
    expect(d.customers).toBeNull();
    expect(pdfText(await renderReviewPackPdf(d))).toContain('No end-customer data');
  });
});

describe('pwb reviews export', () => {
  it('writes one partner’s pack, and a tier as a bulk export; refuses unknown partners and empty selections', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'tester' });
    await fixture(f.ws, api);
    await api.send('partners.create', partnerInput('P0003', { tier: 'tier3' }));
    f.ws.close();
    const out = join(f.dir, 'packs');
    const one = pwb(['reviews', 'export', '--db', f.path, '--partner', 'P0001', '--period', '2026-Q3', '--out', out, '--lang', 'en', '--json']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const r = one.json<{ files: string[]; packs: Array<{ partnerCode: string; pages: number; bytes: number }> }>();
    expect(r.files).toEqual([join(out, 'QBR_P0001_2026-Q3_en.pdf')]);
    expect(r.packs[0].pages).toBeGreaterThanOrEqual(2);
    expect(pdfText(Buffer.from(execFileSync('cat', [r.files[0]])))).toContain('¥123,456.78');

    const bulk = pwb(['reviews', 'export', '--db', f.path, '--tier', 'tier1,tier3', '--period', '2026-Q3', '--out', out, '--json']);
    expect(bulk.code).toBe(0);
    expect(bulk.json<{ packs: Array<{ partnerCode: string }> }>().packs.map((x) => x.partnerCode)).toEqual(['P0001', 'P0003']);
    expect(readdirSync(out).sort()).toEqual(['QBR_P0001_2026-Q3_en.pdf', 'QBR_P0001_2026-Q3_zh-CN.pdf', 'QBR_P0003_2026-Q3_zh-CN.pdf']);

    // Refusals (in process: the CLI prints the same error body, as the first call shows for success).
    const ws2 = openWorkspace(f.path);
    cleanups.push(() => ws2.close());
    const api2 = createApi({ ws: ws2, user: 'tester' });
    await expect(api2.send('reviews.export', { period: '2026-Q3', out: join(f.dir, 'x'), partnerCodes: ['P0001', 'P9999'] })).rejects.toMatchObject({ body: { code: 'NOT_FOUND', message: 'No partner P9999' } });
    await expect(api2.send('reviews.export', { period: '2026-Q3', out: join(f.dir, 'x'), tiers: ['strategic'] })).rejects.toMatchObject({ body: { code: 'NOT_FOUND', message: expect.stringContaining('No partner to review of tier strategic') } });
    expect(existsSync(join(f.dir, 'x', 'QBR_P0001_2026-Q3_zh-CN.pdf'))).toBe(false);
    const noChoice = pwb(['reviews', 'export', '--db', f.path, '--period', '2026-Q3', '--out', join(f.dir, 'x')]);
    expect(noChoice.code).not.toBe(0);
    expect(noChoice.stderr).toContain('Choose the partners');
  });

  it('a cancelled bulk export leaves no pack behind', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    await fixture(ws, api);
    await api.send('partners.create', partnerInput('P0004'));
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const abort = new AbortController();
    const run = api.send('reviews.export', { period: '2026-Q3', out: dir, tiers: ['tier1', 'tier2'] }, {
      signal: abort.signal,
      // Progress is throttled (100 ms): on a fast machine "1 of 2" may not be sent, so cancel on the first pack
      // reported done, whichever that is — the packs are still .partial until the loop has checked for cancel.
      onProgress: (p) => p.phase === 'packs' && p.done >= 1 && abort.abort(),
    });
    await expect(run).rejects.toMatchObject({ body: { code: 'CANCELLED' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never writes over an earlier pack silently: refuse before writing anything, replace, or rename', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    await fixture(ws, api);
    await api.send('partners.create', partnerInput('P0005', { tier: 'tier1' }));
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    writeFileSync(join(dir, 'QBR_P0005_2026-Q3_zh-CN.pdf'), 'earlier');
    await expect(api.send('reviews.export', { period: '2026-Q3', out: dir, tiers: ['tier1'] })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    expect(readdirSync(dir)).toEqual(['QBR_P0005_2026-Q3_zh-CN.pdf']);
    const renamed = await api.send('reviews.export', { period: '2026-Q3', out: dir, tiers: ['tier1'], onExists: 'rename' });
    expect(renamed.files.map((f) => f.slice(dir.length + 1))).toEqual(['QBR_P0001_2026-Q3_zh-CN.pdf', 'QBR_P0005_2026-Q3_zh-CN (2).pdf']);
    await api.send('reviews.export', { period: '2026-Q3', out: dir, partnerCodes: ['P0005'], onExists: 'replace' });
    expect(readFileSync(join(dir, 'QBR_P0005_2026-Q3_zh-CN.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
