import { decimalToMinor, formatMoney } from '../../../../shared/money';

/** A typed amount in the currency's major unit (yuan) → minor units, or null when it is not an amount. */
export const parseAmount = (text: string, currency: string): number | null => (text.trim() ? decimalToMinor(text.trim(), currency) : null);
export const money = (v: number | null | undefined, currency: string) => (v == null ? '' : formatMoney(v, currency));
export const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)} %`);
