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
  /**
   * Customer months without a string key per line: each customer reference is numbered once (a copy of its text, so
   * that no slice of the file's decoded text stays referenced), and its (partner, span) slots hang off it in a chain
   * in typed arrays — a customer usually buys from one partner, so the chain is one slot long.
   */
  private customerIds: Map<string, number> | null = new Map();
  private customerRefs: string[] = [];
  private customerHead = new Int32Array(1024).fill(-1);
  private slotNext = new Int32Array(1024);
  private slotCustomer = new Int32Array(1024);
  private slotPartner = new Float64Array(1024);
  private slotSpan = new Int32Array(1024);
  private slotLow = new Int32Array(1024);
  private slotHigh = new Int32Array(1024);
  private slotFirst = new Int32Array(1024);
  private slots = 0;

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
    if (customerRef !== null && this.customerIds) this.addCustomer(partnerId, m, customerRef);
  }

  private addCustomer(partnerId: number, m: number, customerRef: string): void {
    const ids = this.customerIds!;
    let c = ids.get(customerRef);
    if (c === undefined) {
      c = this.customerRefs.length;
      // A copy of the text (a slice would keep the file's whole decoded chunk alive).
      const own = (' ' + customerRef).slice(1);
      this.customerRefs.push(own);
      ids.set(own, c);
      if (c === this.customerHead.length) this.customerHead = grownTo(this.customerHead, c * 2, -1);
    }
    const span = Math.floor(m / SPAN_MONTHS);
    let slot = this.customerHead[c];
    while (slot >= 0 && (this.slotPartner[slot] !== partnerId || this.slotSpan[slot] !== span)) slot = this.slotNext[slot];
    if (slot < 0) {
      if (this.slots >= this.maxCustomerKeys) return this.dropCustomers();
      slot = this.slots++;
      if (slot === this.slotNext.length) this.growSlots();
      this.slotNext[slot] = this.customerHead[c];
      this.customerHead[c] = slot;
      this.slotCustomer[slot] = c;
      this.slotPartner[slot] = partnerId;
      this.slotSpan[slot] = span;
      this.slotLow[slot] = 0;
      this.slotHigh[slot] = 0;
      this.slotFirst[slot] = m;
    }
    const bit = m - span * SPAN_MONTHS;
    if (bit < 30) this.slotLow[slot] |= 1 << bit;
    else this.slotHigh[slot] |= 1 << (bit - 30);
    if (m < this.slotFirst[slot]) this.slotFirst[slot] = m;
  }

  /** Too many keys to keep: the caller groups the saved lines instead (customers() answers null). */
  private dropCustomers(): void {
    this.customerIds = null;
    this.customerRefs = [];
    this.customerHead = new Int32Array(0);
  }

  private growSlots(): void {
    const n = this.slotNext.length * 2;
    this.slotNext = grownTo(this.slotNext, n, 0);
    this.slotCustomer = grownTo(this.slotCustomer, n, 0);
    this.slotPartner = grownTo(this.slotPartner, n, 0);
    this.slotSpan = grownTo(this.slotSpan, n, 0);
    this.slotLow = grownTo(this.slotLow, n, 0);
    this.slotHigh = grownTo(this.slotHigh, n, 0);
    this.slotFirst = grownTo(this.slotFirst, n, 0);
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
    if (!this.customerIds) return null;
    const out: CustomerDelta[] = [];
    for (let c = 0; c < this.customerRefs.length; c++) {
      // The key's first month: the lowest over its slots of the same partner.
      for (let slot = this.customerHead[c]; slot >= 0; slot = this.slotNext[slot]) {
        let first = this.slotFirst[slot];
        for (let o = this.customerHead[c]; o >= 0; o = this.slotNext[o]) if (this.slotPartner[o] === this.slotPartner[slot] && this.slotFirst[o] < first) first = this.slotFirst[o];
        out.push([this.slotPartner[slot], this.customerRefs[c], this.slotSpan[slot], this.slotLow[slot], this.slotHigh[slot], first]);
      }
    }
    return out;
  }
}

function grownTo<A extends Float64Array | Int32Array>(a: A, n: number, fill: number): A {
  const b = new (a.constructor as new (n: number) => A)(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export type MonthDelta = [partnerId: number, month: number, revenueMinor: number, costedRevenueMinor: number | null, costMinor: number | null, quantity: number, lines: number];
export type CustomerDelta = [partnerId: number, customerRef: string, span: number, low: number, high: number, firstMonth: number];
