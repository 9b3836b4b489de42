import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { memoryApi, partnerInput } from '../../helpers/workspace';

let seq = 0;
/** A sales line written straight into the table (the imports area owns the real import path). */
export function sale(ws: Workspace, partnerId: number, date: string, amountMinor: number, extra: { costMinor?: number; quantity?: number; product?: string; category?: string; currency?: string } = {}) {
  ws.sqlite
    .prepare('insert into sales_lines (partner_id, date, amount_minor, cost_minor, quantity, product, category, currency, dedupe_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(partnerId, date, amountMinor, extra.costMinor ?? null, extra.quantity ?? 1, extra.product ?? null, extra.category ?? null, extra.currency ?? 'CNY', `t:${++seq}`);
}

export function target(ws: Workspace, partnerId: number, period: string, value: number) {
  ws.sqlite.prepare(`insert into targets (partner_id, period, metric, value) values (?, ?, 'revenue', ?)`).run(partnerId, period, value);
}

export async function setup(partners: Array<[code: string, extra?: Record<string, unknown>]>): Promise<{ ws: Workspace; api: Api; ids: Record<string, number> }> {
  const { ws, api } = memoryApi();
  const ids: Record<string, number> = {};
  for (const [code, extra] of partners) ids[code] = (await api.send('partners.create', partnerInput(code, extra) as never)).id;
  return { ws, api, ids };
}

export const rebateProgram = (over: Record<string, unknown> = {}) => ({
  code: 'REB-Q',
  name: '季度阶梯返利',
  type: 'tiered_rebate',
  periodKind: 'quarter',
  currency: 'CNY',
  validFrom: '2025-01-01',
  validTo: '2025-12-31',
  basis: 'revenue',
  tiering: 'retroactive',
  tiers: [
    { from: 0, rate: 0 },
    { from: 500000, rate: 0.02 },
    { from: 600000, rate: 0.03 },
  ],
  eligibility: { channelTypes: ['dealer', 'distributor'] },
  ...over,
});
