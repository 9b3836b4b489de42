import { SPAN as SPAN_MONTHS } from './store';

/**
 * What a sales import's lines add to the sales summaries, summed while the file is read (one pass, no second grouped
 * scan of the saved lines): per partner × month the money, costed money, cost, quantity and line count, and per
 * partner × customer × 60-month span the months bought in. `addImportToSalesSummaries` writes it when every staged
 * line was saved (no duplicate skipped); otherwise the saved lines are grouped in SQL as before.
 *
 * Sums follow SQL's: integers exactly; quantity (REAL) with the Kahan–Babuška–Neumaier compensation SQLite's sum()
 * uses; costed money and cost stay "none" (null) in a month none of whose lines has a cost. A workspace with very many
 * partner × customer keys in one file gives up the customer part (`customers()` answers null) rather than hold them
 * all in memory.
 */
export class SalesSummaryDelta {
  /** partner × month key → slot in the column arrays. */
  private readonly monthSlot = new Map<number, number>();
  private partner = new Float64Array(1024);
  private month = new Int32Array(1024);
  private revenue = new Float64Array(1024);
  private costed = new Float64Array(1024);
  private cost = new Float64Array(1024);
  private hasCost = new Uint8Array(1024);
  private quantity = new Float64Array(1024);
  private quantityErr = new Float64Array(1024);
  private lines = new Float64Array(1024);
  private used = 0;
  /** `${partner}\u001f${span}\u001f${customer}` → [partner, span, customer, low 30 bits, high 30 bits, first month]. */
  private customerKeys: Map<string, CustomerBits> | null = new Map();

  constructor(private readonly maxCustomerKeys = 250_000) {}

  add(partnerId: number, date: string, amountMinor: number, costMinor: number | null, quantity: number, customerRef: string | null): void {
    // 'YYYY-MM-DD' → year × 12 + month − 1, as the summaries' SQL computes it.
    const m =
      ((date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48)) * 12 +
      (date.charCodeAt(5) - 48) * 10 +
      (date.charCodeAt(6) - 48) -
      1;
    const key = partnerId * 65_536 + m;
    let i = this.monthSlot.get(key);
    if (i === undefined) {
      i = this.used++;
      if (i === this.partner.length) this.grow();
      this.monthSlot.set(key, i);
      this.partner[i] = partnerId;
      this.month[i] = m;
    }
    this.revenue[i] += amountMinor;
    this.lines[i] += 1;
    if (costMinor !== null) {
      this.costed[i] += amountMinor;
      this.cost[i] += costMinor;
      this.hasCost[i] = 1;
    }
    // Kahan–Babuška–Neumaier, as sqlite3's sum() of REAL values.
    const s = this.quantity[i];
    const t = s + quantity;
    this.quantityErr[i] += Math.abs(s) >= Math.abs(quantity) ? s - t + quantity : quantity - t + s;
    this.quantity[i] = t;
    if (customerRef !== null && this.customerKeys) {
      const span = Math.floor(m / SPAN_MONTHS);
      const ck = `${partnerId}\u001f${span}\u001f${customerRef}`;
      let c = this.customerKeys.get(ck);
      if (!c) {
        if (this.customerKeys.size >= this.maxCustomerKeys) {
          this.customerKeys = null;
          return;
        }
        c = { partnerId, span, customerRef, low: 0, high: 0, first: m };
        this.customerKeys.set(ck, c);
      }
      const bit = m - span * SPAN_MONTHS;
      if (bit < 30) c.low |= 1 << bit;
      else c.high |= 1 << (bit - 30);
      if (m < c.first) c.first = m;
    }
  }

  private grow(): void {
    const n = this.partner.length * 2;
    const grown = <A extends Float64Array | Int32Array | Uint8Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(n);
      b.set(a);
      return b;
    };
    this.partner = grown(this.partner);
    this.month = grown(this.month);
    this.revenue = grown(this.revenue);
    this.costed = grown(this.costed);
    this.cost = grown(this.cost);
    this.hasCost = grown(this.hasCost);
    this.quantity = grown(this.quantity);
    this.quantityErr = grown(this.quantityErr);
    this.lines = grown(this.lines);
  }

  /** Partner × month rows in key order: [partner, month, revenue, costed revenue | null, cost | null, quantity, lines]. */
  *months(): Generator<MonthDelta> {
    const order = [...this.monthSlot.entries()].sort((a, b) => a[0] - b[0]);
    for (const [, i] of order) {
      yield [this.partner[i], this.month[i], this.revenue[i], this.hasCost[i] ? this.costed[i] : null, this.hasCost[i] ? this.cost[i] : null, this.quantity[i] + this.quantityErr[i], this.lines[i]];
    }
  }

  /**
   * Partner × customer × span rows: [partner, customer, span, low 30 bits, high 30 bits, first month of the key in this
   * file]; null when the file held too many keys to keep (the caller groups the saved lines instead).
   */
  customers(): CustomerDelta[] | null {
    if (!this.customerKeys) return null;
    const first = new Map<string, number>();
    for (const c of this.customerKeys.values()) {
      const k = `${c.partnerId}\u001f${c.customerRef}`;
      const f = first.get(k);
      if (f === undefined || c.first < f) first.set(k, c.first);
    }
    return [...this.customerKeys.values()].map((c) => [c.partnerId, c.customerRef, c.span, c.low, c.high, first.get(`${c.partnerId}\u001f${c.customerRef}`)!]);
  }
}

interface CustomerBits {
  partnerId: number;
  span: number;
  customerRef: string;
  low: number;
  high: number;
  first: number;
}

export type MonthDelta = [partnerId: number, month: number, revenueMinor: number, costedRevenueMinor: number | null, costMinor: number | null, quantity: number, lines: number];
export type CustomerDelta = [partnerId: number, customerRef: string, span: number, low: number, high: number, firstMonth: number];
