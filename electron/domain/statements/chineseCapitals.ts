/**
 * 人民币大写 (amount in Chinese capital numerals) by the People's Bank of China writing rules
 * (《支付结算办法》附件：正确填写票据和结算凭证的基本规定):
 * - digits 零壹贰叁肆伍陆柒捌玖, places 拾佰仟, sections 万 and 亿; 10–19 are written 壹拾…;
 * - one 零 for one or more skipped places inside the number (¥1,005 → 壹仟零伍元, ¥100,010,000 → 壹亿零壹万元);
 * - 整 after 元 when there are no 角 and 分; no 整 after 角 or 分;
 * - 元 followed by 零 when 角 is 0 and 分 is not (¥1,409.02 → 壹仟肆佰零玖元零贰分);
 * - amounts below one yuan start with 角 or 分 (¥0.05 → 伍分); zero is 零元整; negative amounts start with 负.
 * Input: integer minor units (fen).
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];

/** A 4-digit group (1–9999) without its section unit; internal zeros become one 零, trailing zeros are dropped. */
function group(n: number): string {
  const d = [Math.floor(n / 1000) % 10, Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let zero = false;
  let started = false;
  for (let i = 0; i < 4; i++) {
    if (d[i] === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    started = true;
    out += DIGITS[d[i]] + PLACES[3 - i];
  }
  return out;
}

/** The integer part in yuan (≥ 0), without 元. */
export function integerCapitals(yuan: number): string {
  if (!Number.isSafeInteger(yuan) || yuan < 0) throw new RangeError(`Not a whole amount: ${yuan}`);
  if (yuan === 0) return '零';
  const groups: number[] = [];
  for (let v = yuan; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
  // groups[0] = ones section, [1] = 万, [2] = 亿, [3] = 万亿
  let out = '';
  let pendingZero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      if (out) pendingZero = true;
      // 壹万亿: the 亿 of the 万亿 section still has to be written when the 亿 group is empty.
      if (i === 2 && groups[3]) out += '亿';
      continue;
    }
    if (out && (pendingZero || g < 1000)) out += '零';
    pendingZero = false;
    out += group(g) + ['', '万', '亿', '万'][i];
  }
  return out;
}

/** 100000 → '壹仟元整'; 100520 → '壹仟零伍元贰角'; 5 → '伍分'; -100000 → '负壹仟元整'. */
export function chineseCapitals(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an amount in fen: ${minor}`);
  const neg = minor < 0;
  const abs = Math.abs(minor);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fen = abs % 10;
  let out: string;
  if (yuan === 0 && jiao === 0 && fen === 0) return '零元整';
  if (yuan === 0) {
    out = (jiao ? `${DIGITS[jiao]}角` : '') + (fen ? `${DIGITS[fen]}分` : '');
  } else {
    out = `${integerCapitals(yuan)}元`;
    if (!jiao && !fen) out += '整';
    else if (!jiao) out += `零${DIGITS[fen]}分`;
    else out += `${DIGITS[jiao]}角${fen ? `${DIGITS[fen]}分` : ''}`;
  }
  return (neg ? '负' : '') + out;
}
