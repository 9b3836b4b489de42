import type { ChannelType } from '../../../shared/enums';
import { addDays, fullQuarters, isoDate, pad2, quarterKey, type DemoCalendar } from './calendar';
import { CHANNEL_DISCOUNT, PRODUCTS, type Product } from './catalogue';
import { GEOGRAPHY, shortCityName, type Region } from './geography';
import { TRADE_NAMES } from './names';
import type { DemoPartner } from './partnerFactory';
import type { Rng } from './prng';

/**
 * What happens after sell-in in the demo (README "Demo dataset"): some partners report what they sell on to their own
 * customers (sell-through) and their stock at each month's end, derived from the demo's own sales lines so that sell-in,
 * sell-through and stock agree — stock kept near a month of sales, sold through with a lag. A few partners carry the
 * findings a channel manager looks for: one stuffs the channel (sells through under half its sell-in for the last two
 * quarters, so stock and DOI pile up), two sell into other regions (窜货), two sell under the floor price (乱价), one
 * stopped sending stock reports and one never sent any; customers churn, so win-back lists and cohorts have content.
 */

/** Floor price (控价) as a share of list price: channel prices lie above it, the price breakers' lines below. */
export const FLOOR_SHARE = 0.75;
/** Months of sell-through history: two RFM windows of 12 months, so the win-back list has a previous window. */
export const SELL_THROUGH_MONTHS = 24;
/** Months with a month-end stock report: the four quarters the demo evaluates and the one before (opening stock). */
const STOCK_MONTHS = 15;
/** Partners reporting at scale 1 (a tenth of the network, as a DMS rollout typically starts). */
const REPORTING_PARTNERS = 36;
const REPORTING_TYPES: ReadonlySet<ChannelType> = new Set(['dealer', 'distributor', 'retail', 'agent']);

const UNIT: Record<string, string> = { 智能安防: '台', 智能家居: '个', 网络设备: '台', 办公设备: '台', 配件耗材: '个', 软件与服务: '项' };
const CUSTOMER_KINDS = ['电子商行', '五金建材店', '物业服务有限公司', '大酒店', '科技有限公司', '装饰工程部', '连锁超市', '实验学校', '社区卫生服务中心', '商贸有限公司'];

/** The partners that carry a finding, by code (for the README and the tests). */
export interface ChannelRoles {
  stuffing: string[];
  crossTerritory: string[];
  belowFloor: string[];
  lateReport: string[];
  neverReported: string[];
}

export interface DemoProductRow {
  code: string;
  nameZh: string;
  nameEn: string;
  productLine: string;
  unit: string;
  listPriceMinor: number;
  floorPriceMinor: number;
}

export interface DemoSellThroughLine {
  partnerId: number;
  productCode: string;
  date: string;
  quantity: number;
  amountMinor: number;
  customerRef: string;
  customerName: string;
  customerProvince: string;
  customerCity: string;
  orderRef: string;
  lineRef: string;
}

export interface DemoStockRow {
  partnerId: number;
  productCode: string;
  date: string;
  quantity: number;
  valueMinor: number;
}

export interface DemoChannelData {
  lines: DemoSellThroughLine[];
  stock: DemoStockRow[];
  roles: ChannelRoles;
  reporting: number;
}

/** Sell-in per partner, month ('YYYY-MM') and product name, as the demo's sales lines have it. */
export type SellInByMonth = Map<number, Map<string, Map<string, number>>>;

export function demoProducts(): DemoProductRow[] {
  return PRODUCTS.map((p) => ({
    code: p.code,
    nameZh: p.name,
    nameEn: p.nameEn,
    productLine: p.category,
    unit: UNIT[p.category] ?? '个',
    listPriceMinor: p.listPriceMinor,
    floorPriceMinor: Math.round(p.listPriceMinor * FLOOR_SHARE),
  }));
}

/** The partners that report sell-through and stock: active dealers, distributors, retailers and agents selling throughout. */
export function pickReportingPartners(rng: Rng, partners: DemoPartner[], cal: DemoCalendar, scale: number): DemoPartner[] {
  const from = cal.months[cal.months.length - SELL_THROUGH_MONTHS].key;
  const eligible = partners.filter(
    (p) => p.row.status === 'active' && REPORTING_TYPES.has(p.row.channelType) && p.model.salesFrom !== null && p.model.salesFrom.slice(0, 7) <= from && (p.model.salesTo ?? '') >= cal.lastSale,
  );
  const n = Math.min(eligible.length, Math.max(7, Math.round(REPORTING_PARTNERS * scale)));
  return rng.shuffle([...eligible]).slice(0, n);
}

interface Customer {
  ref: string;
  name: string;
  province: string;
  city: string;
}

/** A partner's end customers: a base that loses some each month and wins new ones, mostly in the partner's own province. */
class EndCustomers {
  readonly active: Customer[] = [];
  private next = 1;
  constructor(
    private readonly rng: Rng,
    private readonly partner: DemoPartner,
    initial: number,
  ) {
    for (let i = 0; i < initial; i++) this.add();
  }
  private place(region: Region): { province: string; city: string } {
    const own = GEOGRAPHY[region].find((p) => p.name === this.partner.row.province);
    const province = own && this.rng.chance(0.8) ? own : this.rng.pick(GEOGRAPHY[region]);
    return { province: province.name, city: this.rng.weighted(province.cities, province.cities.map((c) => c.weight)).name };
  }
  /** A new customer; `region` other than the partner's places it outside the partner's territory. */
  add(region: Region = this.partner.row.region): Customer {
    const { province, city } = this.place(region);
    const c = { ref: `${this.partner.row.code}-K${String(this.next++).padStart(4, '0')}`, name: `${shortCityName(city)}${this.rng.pick(TRADE_NAMES)[0]}${this.rng.pick(CUSTOMER_KINDS)}`, province, city };
    if (region === this.partner.row.region) this.active.push(c);
    return c;
  }
  turnover(churn: number) {
    for (let i = this.active.length - 1; i >= 0; i--) if (this.rng.chance(churn)) this.active.splice(i, 1);
    const arrivals = this.rng.poisson(this.active.length * 0.035 + 0.4);
    for (let i = 0; i < arrivals; i++) this.add();
    if (this.active.length === 0) this.add();
  }
  /** Long-standing customers buy more often. */
  pick(): Customer {
    const u = this.rng.next();
    return this.active[Math.floor(this.active.length * u * u)];
  }
}

/**
 * Sell-through lines and month-end stock reports of the reporting partners over the last SELL_THROUGH_MONTHS months,
 * from their sell-in per product and month. Each product's stock starts near a month of its sell-in and is sold down
 * towards that level (sell-through = sell-in × 0.9–1.05 + 40 % of the excess); the stuffing partner sells 45 % of its
 * sell-in in the last two full quarters. The as-of week brings one more stock report (the month-end stock), so
 * reporting partners are up to date on the as-of day.
 */
export function generateChannelHistory(rng: Rng, reporting: DemoPartner[], sellIn: SellInByMonth, cal: DemoCalendar): DemoChannelData {
  const byName = new Map<string, Product>(PRODUCTS.map((p) => [p.name, p]));
  const months = cal.months.slice(-SELL_THROUGH_MONTHS);
  const lastQuarters = new Set(fullQuarters(cal).slice(-2));
  const inLastQuarters = (m: { year: number; month: number }) => lastQuarters.has(quarterKey(m.year, m.month));
  const codes = reporting.map((p) => p.row.code);
  const roles: ChannelRoles = {
    stuffing: codes.slice(0, 1),
    crossTerritory: codes.slice(1, 3),
    belowFloor: codes.slice(3, 5),
    lateReport: codes.slice(5, 6),
    neverReported: codes.slice(6, 7),
  };
  const lines: DemoSellThroughLine[] = [];
  const stock: DemoStockRow[] = [];
  const latestReport = addDays(cal.asOf, -rng.int(1, 4));

  for (const p of [...reporting].sort((a, b) => a.row.code.localeCompare(b.row.code))) {
    const r = rng.fork(p.id);
    const code = p.row.code;
    const stuffing = roles.stuffing.includes(code);
    const crossing = roles.crossTerritory.includes(code);
    const breaking = roles.belowFloor.includes(code);
    const stockUntil = roles.lateReport.includes(code) ? months[months.length - 3].key : roles.neverReported.includes(code) ? '' : months[months.length - 1].key;
    const buyShare = 1 - CHANNEL_DISCOUNT[p.row.channelType];
    const own = sellIn.get(p.id) ?? new Map<string, Map<string, number>>();
    // Each product's typical month: the stock level the partner aims at.
    const typical = new Map<string, number>();
    for (const m of months) for (const [name, q] of own.get(m.key) ?? []) if (q > 0) typical.set(name, (typical.get(name) ?? 0) + q / months.length);
    const onHand = new Map<string, number>([...typical].map(([name, q]) => [name, Math.round(q * r.range(0.8, 1.3))]));
    const customers = new EndCustomers(r, p, Math.max(12, p.model.initialCustomers));
    // The customers a 窜货 partner sells to in another region: a few, buying again and again.
    const otherRegions = (Object.keys(GEOGRAPHY) as Region[]).filter((g) => g !== p.row.region);
    const outside = crossing ? Array.from({ length: 4 }, () => customers.add(r.pick(otherRegions))) : [];
    let order = 1;

    for (const [k, m] of months.entries()) {
      if (k > 0) customers.turnover(0.035);
      const late = inLastQuarters(m);
      for (const [name, target] of typical) {
        const product = byName.get(name);
        if (!product) continue;
        const si = Math.max(0, own.get(m.key)?.get(name) ?? 0);
        const before = onHand.get(name) ?? 0;
        const sold =
          stuffing && late
            ? Math.round(si * r.range(0.4, 0.5))
            : Math.max(0, Math.min(before + si, Math.round(si * r.range(0.9, 1.05) + (before - target) * 0.4)));
        onHand.set(name, before + si - sold);
        // Split the month's units into a few orders of the partner's customers.
        let left = sold;
        while (left > 0) {
          const quantity = Math.min(left, Math.max(1, Math.round(sold / (1 + r.poisson(1.2)))));
          left -= quantity;
          const customer = crossing && late && r.chance(0.2) ? r.pick(outside) : customers.pick();
          const unit = breaking && late && r.chance(0.25) ? product.listPriceMinor * r.range(0.6, 0.72) : product.listPriceMinor * r.range(0.86, 0.98);
          const orderRef = `XS${m.year}${pad2(m.month)}-${String(order++).padStart(5, '0')}`;
          const line = {
            partnerId: p.id,
            productCode: product.code,
            date: isoDate(m.year, m.month, r.int(1, m.days)),
            quantity,
            amountMinor: Math.round(unit * quantity),
            customerRef: customer.ref,
            customerName: customer.name,
            customerProvince: customer.province,
            customerCity: customer.city,
            orderRef,
            lineRef: `${orderRef}-1`,
          };
          lines.push(line);
          // Now and then a unit comes back (a return: negative quantity and amount).
          if (r.chance(0.004)) lines.push({ ...line, quantity: -1, amountMinor: -Math.round(unit), date: addDays(line.date, 0), lineRef: `${orderRef}-R` });
        }
      }
      if (k >= months.length - STOCK_MONTHS && m.key <= stockUntil) {
        const day = isoDate(m.year, m.month, m.days);
        for (const [name, q] of onHand) {
          const product = byName.get(name)!;
          if (q > 0) stock.push({ partnerId: p.id, productCode: product.code, date: day, quantity: q, valueMinor: Math.round(q * product.listPriceMinor * buyShare) });
        }
        if (k === months.length - 1 && latestReport > day) {
          for (const [name, q] of onHand) {
            const product = byName.get(name)!;
            if (q > 0) stock.push({ partnerId: p.id, productCode: product.code, date: latestReport, quantity: q, valueMinor: Math.round(q * product.listPriceMinor * buyShare) });
          }
        }
      }
    }
  }
  return { lines, stock, roles, reporting: reporting.length };
}
