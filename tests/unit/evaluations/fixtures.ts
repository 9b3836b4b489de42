import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { partnerInput } from '../../helpers/workspace';

let seq = 0;

/** One sales line; amounts and costs in minor units. */
export function sale(ws: Workspace, partnerId: number, date: string, amountMinor: number, o: { order?: string; customer?: string; cost?: number | null } = {}): void {
  ws.sqlite
    .prepare('insert into sales_lines (partner_id, date, order_ref, customer_ref, amount_minor, cost_minor, dedupe_key) values (?, ?, ?, ?, ?, ?, ?)')
    .run(partnerId, date, o.order ?? null, o.customer ?? null, amountMinor, o.cost ?? null, `t:${++seq}`);
}

export function target(ws: Workspace, partnerId: number, period: string, valueMinor: number): void {
  ws.sqlite.prepare("insert into targets (partner_id, period, metric, value) values (?, ?, 'revenue', ?)").run(partnerId, period, valueMinor);
}

export function feedback(ws: Workspace, partnerId: number, date: string, score: number): void {
  ws.sqlite.prepare('insert into feedback (partner_id, date, score, dedupe_key) values (?, ?, ?, ?)').run(partnerId, date, score, `f:${++seq}`);
}

export async function partner(api: Api, code: string, extra: Record<string, unknown> = {}): Promise<number> {
  const p = await api.send('partners.create', partnerInput(code, { joinedOn: '2018-01-01', ...extra }) as never);
  return (p as { id: number }).id;
}
