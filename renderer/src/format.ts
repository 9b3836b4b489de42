export { formatMinor, formatMoney } from '../../electron/domain/money/money';

/** 0.2534 → '25.3 %'; null → '—' */
export function formatRatio(value: number | null | undefined, digits = 1): string {
  return value == null ? '—' : `${(value * 100).toFixed(digits)} %`;
}
