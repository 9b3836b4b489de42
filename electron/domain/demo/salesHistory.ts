import { campaignDays, isoDate, pad2, quarterKey, seasonality, type DemoCalendar, type Month } from './calendar';
import { CHANNEL_DISCOUNT, PRODUCTS, productWeights } from './catalogue';
import type { DemoPartner } from './partnerFactory';
import type { Rng } from './prng';
import type { SalesLineRow } from '../../../db/schema';

/** One sales line as inserted (money in fen). */
/** A demo sales line: the columns it is saved with (the drizzle schema's), every one of them filled. */
export type DemoSalesLine = { [K in 'partnerId' | 'date' | 'orderRef' | 'lineRef' | 'product' | 'category' | 'quantity' | 'amountMinor' | 'costMinor' | 'customerRef']: NonNullable<SalesLineRow[K]> };

/** Numbering shared by all partners so order references are unique in the workspace. */
export interface OrderCounter {
  next: number;
}

/** About one order in eighty is a return (negative quantity and amount). */
const RETURN_SHARE = 0.0125;
/** E[lognormal(0.6)] ≈ 1.2: keeps the average line value at the partner's monthly revenue / lines. */
const LINE_VALUE_NOISE = 0.6;
const LINE_VALUE_MEAN = Math.exp((LINE_VALUE_NOISE * LINE_VALUE_NOISE) / 2);

/** A partner's customers: a base that loses some each month and wins new ones. */
class CustomerBase {
  private readonly active: string[] = [];
  private nextNo = 1;
  constructor(
    private readonly prefix: string,
    initial: number,
  ) {
    for (let i = 0; i < initial; i++) this.add();
  }
  private add() {
    this.active.push(`${this.prefix}-C${String(this.nextNo++).padStart(4, '0')}`);
  }
  /** Month turnover: each customer churns with `churn`; Poisson(size × newRate) new customers arrive. */
  turnover(rng: Rng, churn: number, newRate: number) {
    const size = this.active.length;
    for (let i = this.active.length - 1; i >= 0; i--) if (rng.chance(churn)) this.active.splice(i, 1);
    const arrivals = rng.poisson(size * newRate + 0.2);
    for (let i = 0; i < arrivals; i++) this.add();
    if (this.active.length === 0) this.add();
  }
  /** Long-standing customers buy more often (skewed towards the front of the list). */
  pick(rng: Rng): string {
    const u = rng.next();
    return this.active[Math.floor(this.active.length * u * u)];
  }
}

function dayIn(rng: Rng, m: Month, lo: number, hi: number, online: boolean): number {
  const campaign = online ? campaignDays(m.month) : null;
  let day: number;
  if (campaign && rng.chance(0.55)) {
    // Orders pile up towards the campaign's big day (18 June, 11 November).
    const [start, end] = campaign;
    const u = rng.next();
    day = end - Math.floor(u * u * u * (end - start + 1));
  } else day = rng.int(1, m.days);
  return Math.min(hi, Math.max(lo, day));
}

/**
 * Generates one partner's monthly sales for the demo years and hands each line to `emit`.
 * Returns the partner's net revenue per quarter ('2025-Q1' → fen), for target setting.
 */
export function generatePartnerSales(
  rng: Rng,
  partner: DemoPartner,
  cal: DemoCalendar,
  orders: OrderCounter,
  emit: (line: DemoSalesLine) => void,
): Map<string, number> {
  const MONTHS = cal.months;
  const { row, model } = partner;
  const revenueByQuarter = new Map<string, number>();
  if (!model.salesFrom || !model.salesTo) return revenueByQuarter;
  const from = model.salesFrom;
  const to = model.salesTo;
  const weights = productWeights(row.channelType);
  const discount = CHANNEL_DISCOUNT[row.channelType];
  const online = row.channelType === 'ecommerce';
  const customers = new CustomerBase(row.code, model.initialCustomers);
  const joinedMonth = from.slice(0, 7);
  const joinedDuringDemo = row.joinedOn !== null && row.joinedOn >= cal.firstSale;
  // Each partner has its own price level within its channel.
  const priceLevel = 1 + rng.normal(0, 0.025);

  for (const m of MONTHS) {
    if (m.key < joinedMonth || m.key > to.slice(0, 7)) continue;
    const lo = m.key === joinedMonth ? Number(from.slice(8, 10)) : 1;
    const hi = m.key === to.slice(0, 7) ? Number(to.slice(8, 10)) : m.days;
    const activeShare = (hi - lo + 1) / m.days;
    if (m.key !== joinedMonth) customers.turnover(rng, model.churnRate, model.newCustomerRate);

    const monthsIn = joinedDuringDemo ? m.index - MONTHS.findIndex((x) => x.key === joinedMonth) : 99;
    const ramp = Math.min(1, 0.3 + 0.12 * monthsIn);
    const season = seasonality(m.year, m.month, row.channelType);
    const trend = Math.pow(1 + model.annualGrowth, m.index / 12);
    const revenue = model.baseMonthlyMinor * trend * season * ramp * activeShare * rng.lognormal(0.12);
    let lines = Math.max(1, rng.poisson(model.linesPerMonth * Math.pow(season, 0.6) * Math.sqrt(ramp) * activeShare));
    const lineValue = revenue / lines / LINE_VALUE_MEAN;
    const qKey = quarterKey(m.year, m.month);
    let net = revenueByQuarter.get(qKey) ?? 0;

    while (lines > 0) {
      const isReturn = rng.chance(RETURN_SHARE);
      const size = Math.min(lines, isReturn ? 1 : rng.weighted([1, 2, 3, 4], [45, 30, 15, 10]));
      lines -= size;
      const orderRef = `${isReturn ? 'RT' : 'SO'}${m.year}${pad2(m.month)}${String(orders.next++).padStart(6, '0')}`;
      const date = isoDate(m.year, m.month, dayIn(rng, m, lo, hi, online));
      const customerRef = customers.pick(rng);
      for (let l = 1; l <= size; l++) {
        const product = rng.weighted(PRODUCTS, weights);
        const unitPrice = Math.max(1, Math.round(product.listPriceMinor * (1 - discount) * priceLevel * (1 + rng.normal(0, 0.015))));
        const unitCost = Math.round(product.listPriceMinor * product.costRatio);
        let quantity = Math.max(1, Math.round((lineValue * rng.lognormal(LINE_VALUE_NOISE)) / unitPrice));
        if (isReturn) quantity = -Math.max(1, Math.round(quantity * rng.range(0.05, 0.4)));
        const amountMinor = quantity * unitPrice;
        net += amountMinor;
        emit({
          partnerId: partner.id,
          date,
          orderRef,
          lineRef: `${orderRef}-${pad2(l)}`,
          product: product.name,
          category: product.category,
          quantity,
          amountMinor,
          costMinor: quantity * unitCost,
          customerRef,
        });
      }
    }
    revenueByQuarter.set(qKey, net);
  }
  return revenueByQuarter;
}
