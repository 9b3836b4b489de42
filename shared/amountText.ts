import { decimalToMinor, formatMinor, minorExponent } from './money';

/**
 * An amount as people type it, in the currency's major unit (yuan), to integer minor units — the one parser behind
 * every money input: `1500000`, `1,500,000`, `1500000.5`, `¥1,500,000.00`, `￥1,500,000`, `1,500,000元`, `RMB 1,500,000`,
 * `CNY 1500000`, `150万`, `1.2亿`, full-width digits and punctuation (１，５００，０００．００), a minus before or after the
 * symbol, an accounting negative `(1,500.00)`. Grouping commas must group by three (`1,50,000` is refused: it is a typo
 * more often than a format), a currency symbol must be the field's currency (`$` in a CNY field is refused), and more
 * decimals than the currency has (`12.345` yuan) are refused rather than rounded silently.
 */
export type AmountProblem = 'required' | 'notAmount' | 'tooPrecise' | 'negative' | 'notPositive' | 'tooLarge';
export type AmountRead = { minor: number | null; problem: AmountProblem | null };

const SYMBOLS: Record<string, string[]> = {
  CNY: ['¥', 'RMB', 'CNY', '元', '人民币'],
  USD: ['$', 'US$', 'USD'],
  EUR: ['€', 'EUR'],
  HKD: ['HK$', 'HKD', '港币', '港元'],
  JPY: ['¥', 'JPY', '円', '日元'],
  GBP: ['£', 'GBP'],
};

const escape = (s: string) => s.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');

/** The text with compatibility forms folded (full-width digits, ￥ → ¥, ，→ ,) and spaces around signs dropped. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-') // minus signs people paste from Word or a PDF
    .replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
    .trim();
}

/** Shifts the decimal point of a plain decimal text `n` places to the right (万 = 4, 亿 = 8), exactly. */
function shift(decimal: string, n: number): string {
  const [int, frac = ''] = decimal.split('.');
  const f = frac.padEnd(n, '0');
  const whole = (int + f.slice(0, n)).replace(/^0+(?=\d)/, '');
  const rest = f.slice(n);
  return rest ? `${whole}.${rest}` : whole;
}

/**
 * Reads a typed amount. Empty text is `{ minor: null, problem: null }` (the caller says whether the field is required);
 * otherwise either the minor units or why not.
 */
export function readAmount(text: string | null | undefined, currency = 'CNY'): AmountRead {
  let s = fold(text ?? '');
  if (!s) return { minor: null, problem: null };
  const bad = { minor: null, problem: 'notAmount' as const };
  let neg = false;
  // Accounting negative: (1,500.00)
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    neg = true;
    s = paren[1].trim();
  }
  const takeSign = () => {
    const m = /^([+-]) ?/.exec(s);
    if (!m) return;
    if (m[1] === '-') {
      if (neg) return;
      neg = true;
    }
    s = s.slice(m[0].length);
  };
  takeSign();
  // Currency words and symbols: the field's own currency only, before or after the number.
  const own = [...(SYMBOLS[currency.toUpperCase()] ?? []), currency.toUpperCase()].sort((a, b) => b.length - a.length);
  const prefix = new RegExp(`^(?:${own.map(escape).join('|')}) ?`, 'i');
  const suffix = new RegExp(` ?(?:${own.map(escape).join('|')})$`, 'i');
  s = s.replace(prefix, '');
  takeSign();
  let scale = 0;
  s = s.replace(suffix, '');
  const unit = / ?(万|亿)$/.exec(s);
  if (unit) {
    scale = unit[1] === '万' ? 4 : 8;
    s = s.slice(0, unit.index);
  }
  // The number: plain digits or digits grouped by three, an optional decimal part.
  const m = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$|^\.(\d+)$/.exec(s);
  if (!m) return bad;
  let decimal = m[3] !== undefined ? `0.${m[3]}` : `${m[1].replace(/,/g, '')}${m[2] ? `.${m[2]}` : ''}`;
  if (scale) decimal = shift(decimal, scale);
  const frac = decimal.split('.')[1] ?? '';
  if (frac.replace(/0+$/, '').length > minorExponent(currency)) return { minor: null, problem: 'tooPrecise' };
  const minor = decimalToMinor(decimal, currency);
  if (minor === null) return { minor: null, problem: 'tooLarge' };
  return { minor: neg && minor !== 0 ? -minor : minor, problem: null };
}

/** `readAmount` with the field's rules: required, sign. */
export function checkAmount(
  text: string | null | undefined,
  opts: { currency?: string; required?: boolean; sign?: 'any' | 'nonNegative' | 'positive' } = {},
): AmountRead {
  const r = readAmount(text, opts.currency ?? 'CNY');
  if (r.problem) return r;
  if (r.minor === null) return opts.required ? { minor: null, problem: 'required' } : r;
  const sign = opts.sign ?? 'nonNegative';
  if (sign === 'nonNegative' && r.minor < 0) return { minor: null, problem: 'negative' };
  if (sign === 'positive' && r.minor <= 0) return { minor: null, problem: 'notPositive' };
  return r;
}

/** An amount in major units (a program file's number) as the input shows it for editing: 1500000.5 → '1,500,000.5'. */
export function amountInputText(major: number | null | undefined): string {
  if (major === null || major === undefined || !Number.isFinite(major)) return '';
  const [int, frac] = String(Math.abs(major)).split('.');
  if (/e/i.test(int)) return String(major);
  return `${major < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** Minor units back to major units as a number (for program files, which hold yuan). Exact for safe integers. */
export function minorToMajor(minor: number, currency = 'CNY'): number {
  return Number(formatMinor(minor, currency, { grouping: false }));
}

/** The words for a problem, under the field's label, in zh-CN or en. */
export function amountProblemText(problem: AmountProblem, label: string, lang: 'zh-CN' | 'en', currency = 'CNY'): string {
  const zh = lang === 'zh-CN';
  const digits = minorExponent(currency);
  switch (problem) {
    case 'required':
      return zh ? `${label}不能为空` : `${label} is required`;
    case 'tooPrecise':
      return zh ? `${label}最多 ${digits} 位小数` : `${label} can have at most ${digits} decimals`;
    case 'negative':
      return zh ? `${label}不能为负数` : `${label} cannot be negative`;
    case 'notPositive':
      return zh ? `${label}必须大于 0` : `${label} must be more than 0`;
    case 'tooLarge':
      return zh ? `${label}超出可处理的范围` : `${label} is too large`;
    default:
      return zh ? `${label}不是有效的金额，可填写如 1,500,000.00、¥1,500,000 或 150万` : `${label} is not an amount; type e.g. 1,500,000.00 or ¥1,500,000`;
  }
}
