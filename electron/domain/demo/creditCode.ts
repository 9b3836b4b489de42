import { creditCodeCheckChar } from '../../../shared/partnerIds';
import type { Rng } from './prng';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters —
 * 1 registration authority, 1 entity type, 6 administrative division, 9 organisation code (GB 11714, with its own
 * check character), 1 check character over the first 17.
 */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The 9th character of an organisation code (GB 11714) for its 8-character body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A valid code for an enterprise (registration 9 = market regulation, type 1 = enterprise) in `division` (6 digits). */
export function makeCreditCode(rng: Rng, division: string): string {
  const body = rng.digits(8);
  const org = body + orgCodeCheckChar(body);
  const first17 = `91${division}${org}`;
  return first17 + creditCodeCheckChar(first17);
}
