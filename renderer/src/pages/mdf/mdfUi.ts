import { formatMoney } from '../../../../shared/money';

export const money = (v: number | null | undefined, currency: string) => (v == null ? '' : formatMoney(v, currency));
export const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)} %`);
