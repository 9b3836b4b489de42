import type { Workspace } from '../../../../db/database';
import type { EvidenceLine } from '../../../model/inventory';
import type { inventorySnapshots, partners, products, risks } from '../../../../db/schema';
import { FLOOR_AT_LINE } from './measures';

/**
 * The SQL of the Inventory & sell-through page, the dashboard's channel measures, the evidence lists and the trend
 * (inventoryOverview.ts). Row types are the aggregates' own, their columns typed from the drizzle schema.
 */
type Partner = typeof partners.$inferSelect;
type Product = typeof products.$inferSelect;
type Snapshot = typeof inventorySnapshots.$inferSelect;
type Risk = typeof risks.$inferSelect;

/** A partner on the page: one that reports sell-through or stock. */
export type ChannelPartnerRow = Pick<Partner, 'id' | 'code' | 'name' | 'nameEn'>;
export interface ProductInfoRow {
  id: Product['id'];
  code: Product['code'];
  name: Product['nameZh'];
  nameEn: Product['nameEn'];
  line: Product['productLine'];
}
export interface PartnerGroupingRow {
  code: Partner['code'];
  channelType: Partner['channelType'];
  t: Partner['territoryId'];
}
/** A month's (`m`, YYYY-MM) quantity. */
export interface MonthQuantityRow {
  m: string;
  q: number;
}

/** A sell-through line as evidence: partner, product, customer, its province and the partner's territory, the floor at its date. */
const EVIDENCE_SELECT = `select s.id, pa.code as partnerCode, s.date, pr.code as productCode, pr.name_zh as productName, pr.name_en as productNameEn, s.quantity, s.amount_minor as amountMinor,
      s.customer_ref as customerRef, s.customer_name as customerName, s.customer_province as customerProvince, s.order_ref as orderRef,
      ct.name_zh as provinceName, pt.name_zh as territoryName, ct.name_en as provinceNameEn, pt.name_en as territoryNameEn, s.customer_territory_id as ct, s.partner_id as pid, ${FLOOR_AT_LINE} as floorPriceMinor
    from sell_through_lines s join partners pa on pa.id = s.partner_id join products pr on pr.id = s.product_id
    left join territories ct on ct.id = s.customer_territory_id left join territories pt on pt.id = pa.territory_id`;
/** An evidence line as read: the line's customer territory (`ct`) and partner (`pid`) beside what is shown. */
export type EvidenceRow = Omit<EvidenceLine, 'unitPriceMinor' | 'underFloor'> & { ct: number | null; pid: number };

/** The partners and days a grid read covers: `ids` the partners, `start`…`end` the period (ISO days, inclusive). */
interface EvidenceRange {
  ids: string;
  start: string;
  end: string;
}
const evidenceBase = `${EVIDENCE_SELECT} where s.partner_id in (select value from json_each(@ids)) and s.date between @start and @end and s.quantity > 0`;
const evidenceRange = (ids: readonly number[], start: string, end: string): EvidenceRange => ({ ids: JSON.stringify(ids), start, end });

export const overviewStore = {
  /** Live partners that report sell-through or stock, by code; `channelManagerIds` keeps those these managers look after. */
  channelPartners(ws: Workspace, channelManagerIds?: number[]): ChannelPartnerRow[] {
    return ws.sqlite
      .prepare<[number | null, string], ChannelPartnerRow>(
        `select id, code, name, name_en as nameEn from partners where deleted_at is null and (
         exists (select 1 from sell_through_lines s where s.partner_id = partners.id) or exists (select 1 from inventory_snapshots i where i.partner_id = partners.id))
         and (? is null or channel_manager_id in (select value from json_each(?)))
       order by code`,
      )
      .all(channelManagerIds ? 1 : null, JSON.stringify(channelManagerIds ?? []));
  },
  /** Each partner's latest stock report day up to `end`. */
  lastReports(ws: Workspace, end: string): Array<{ p: Snapshot['partnerId']; d: Snapshot['date'] }> {
    return ws.sqlite
      .prepare<[string], { p: number; d: string }>('select partner_id as p, max(date) as d from inventory_snapshots where date <= ? group by partner_id')
      .all(end);
  },
  products(ws: Workspace): ProductInfoRow[] {
    return ws.sqlite.prepare<[], ProductInfoRow>('select id, code, name_zh as name, name_en as nameEn, product_line as line from products').all();
  },
  /** Every partner's code, channel type and territory: what the page's groups sum by. */
  partnerGrouping(ws: Workspace): PartnerGroupingRow[] {
    return ws.sqlite.prepare<[], PartnerGroupingRow>('select code, channel_type as channelType, territory_id as t from partners').all();
  },
  /** A partner's id by its code, deleted ones included (the trend of a partner). */
  /** The partners that ever reported stock. */
  stockReporters(ws: Workspace): number[] {
    return ws.sqlite.prepare<[], number>('select distinct partner_id from inventory_snapshots').pluck().all();
  },
  anyPartnerId(ws: Workspace, code: string): number | undefined {
    return ws.sqlite.prepare<[string], number>('select id from partners where code = ?').pluck().get(code);
  },
  /** The period's sell-through lines of these partners with a located customer, largest amount first. */
  locatedEvidence(ws: Workspace, ids: readonly number[], start: string, end: string): EvidenceRow[] {
    return ws.sqlite
      .prepare<[EvidenceRange], EvidenceRow>(`${evidenceBase} and s.customer_territory_id is not null order by s.amount_minor desc, s.date`)
      .all(evidenceRange(ids, start, end));
  },
  /** The period's sell-through lines of these partners priced under the floor, furthest under first. */
  belowFloorEvidence(ws: Workspace, ids: readonly number[], start: string, end: string): EvidenceRow[] {
    return ws.sqlite
      .prepare<[EvidenceRange], EvidenceRow>(
        `select * from (${evidenceBase} and s.amount_minor is not null) where floorPriceMinor is not null and amountMinor < floorPriceMinor * quantity order by (1.0 * amountMinor / quantity) / floorPriceMinor, date`,
      )
      .all(evidenceRange(ids, start, end));
  },
  /** A risk's rule code; undefined when there is no such risk. */
  riskRule(ws: Workspace, riskId: number): { rule: Risk['ruleCode'] } | undefined {
    return ws.sqlite.prepare<[number], { rule: string | null }>('select rule_code as rule from risks where id = ?').get(riskId);
  },
  /** The lines linked to a risk (`risk_evidence`): largest amount first for 窜货, furthest under the floor first otherwise. */
  linkedEvidence(ws: Workspace, riskId: number, kind: 'crossTerritory' | 'belowFloor'): EvidenceRow[] {
    const order = kind === 'crossTerritory' ? 's.amount_minor desc, s.date' : '(1.0 * s.amount_minor / s.quantity) / floorPriceMinor, s.date';
    return ws.sqlite.prepare<[number], EvidenceRow>(`${EVIDENCE_SELECT} join risk_evidence e on e.line_id = s.id where e.risk_id = ? order by ${order}, s.id`).all(riskId);
  },
  /** The day of the workspace's latest sales line (the sales imported so far reach it); null without any (sales_date_idx). */
  latestSaleDay(ws: Workspace): string | null {
    return ws.sqlite.prepare<[], string | null>('select max(date) from sales_lines').pluck().get() ?? null;
  },
  /**
   * Sell-in and sell-through quantity per month from `start` to `end`: of partner `pid`, or (no pid) of the partners
   * that report any sell-through.
   */
  monthlyQuantities(ws: Workspace, range: { start: string; end: string; pid?: number }): { sellIn: MonthQuantityRow[]; sellThrough: MonthQuantityRow[] } {
    const partnerFilter = range.pid !== undefined ? 'and partner_id = @pid' : 'and partner_id in (select distinct partner_id from sell_through_lines)';
    const params = range.pid !== undefined ? { start: range.start, end: range.end, pid: range.pid } : { start: range.start, end: range.end };
    const read = (table: 'sales_lines' | 'sell_through_lines') =>
      ws.sqlite
        .prepare<[typeof params], MonthQuantityRow>(`select substr(date, 1, 7) as m, sum(quantity) as q from ${table} where date between @start and @end ${partnerFilter} group by m`)
        .all(params);
    return { sellIn: read('sales_lines'), sellThrough: read('sell_through_lines') };
  },
};
