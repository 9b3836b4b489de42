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

/** A complete issuing-company profile: statements are refused without one. */
export async function fillCompanyProfile(api: Api) {
  const values: Record<string, unknown> = {
    'company.name': '华信科技（上海）有限公司',
    'company.nameEn': 'Huaxin Technology (Shanghai) Co., Ltd.',
    'company.creditCode': '91310000MA1FL4XQ27',
    'company.address': '上海市浦东新区张江路 88 号',
    'company.bankName': '中国工商银行上海张江支行',
    'company.bankAccount': '1001234509006789012',
    'statement.invoiceRequirement': '请开具 6% 增值税专用发票',
  };
  for (const [key, value] of Object.entries(values)) await api.send('system.settings.set', { key, value: value as never });
}
