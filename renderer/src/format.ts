export { formatMinor, formatMoney } from '../../shared/money';

/** 0.2534 → '25.3 %'; null → '—' */
export function formatRatio(value: number | null | undefined, digits = 1): string {
  return value == null ? '—' : `${(value * 100).toFixed(digits)} %`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A stored timestamp (ISO 8601, UTC) → local time as 'YYYY-MM-DD HH:mm:ss', the same in both languages and matching the
 * ISO dates shown everywhere else (toLocaleString() would follow the browser's locale, not the app's language:
 * '11/22/2026, 9:32:24 PM' in Chinese mode). '' for empty, the input unchanged when it is not a date.
 */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}
