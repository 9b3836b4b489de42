import { z } from 'zod';

/**
 * Partner identifiers checked the way finance checks them before paying: the unified social credit code with its check
 * character, mainland phone numbers, bank account digits. Each normaliser takes what people type (full-width characters,
 * spaces, dashes, lower case) and gives the stored form; the schemas below normalise first, then check, so a form, the
 * CLI and an import row store the same text and refuse with the same words.
 */

/** 统一社会信用代码 (GB 32100-2015): the code set (no I, O, Z, S, V) and the weights of positions 1–17. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character for the first 17 characters (weights 3^(i) mod 31; check = 31 − Σ mod 31, 31 → 0). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`Invalid character in credit code: ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return CHARSET[c === 31 ? 0 : c];
}

/** Width, case, spaces and dashes folded: `９１３５ 0100-m000100y43` → `91350100M000100Y43`. */
export function normaliseCreditCode(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s\u00a0-]+/g, '');
}

export type CreditCodeProblem = 'length' | 'characters' | 'checkChar';

/** Why a (normalised) code is not a unified social credit code, or null when it is one. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return 'characters';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checkChar';
}

export const isValidCreditCode = (code: string) => creditCodeProblem(code) === null;

/**
 * A phone number to its stored form, or null when it is none: mainland mobile `1[3-9]` + 9 digits (`+86 138 0013 8000`
 * → `13800138000`); landline with its area code, `010`/`02x` + 8 digits or `0xxx` + 7–8 digits, an optional extension
 * (`(021) 6288-1234 转 806` → `021-62881234-806`); 400/800 service numbers (`4008-123-456` → `4008123456`); a number
 * abroad with its + country code (`+852 2123 4567`, kept as typed, spaces single).
 */
export function normalisePhone(text: string): string | null {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!s) return null;
  const abroad = /^\+(?!86)(\d{1,3})[ -]?((?:\d[ -]?){5,13}\d)$/.exec(s);
  if (abroad) return s;
  const bare = s.replace(/^(?:\+?86|0086)[ -]?/, '');
  const ext = /^(.*?)[ -]*(?:转|分机|ext\.?|x|#)[ -]*(\d{1,6})$/i.exec(bare);
  const main = (ext ? ext[1] : bare).replace(/[()\s-]/g, '');
  if (!/^\d+$/.test(main)) return null;
  if (!ext && /^1[3-9]\d{9}$/.test(main)) return main;
  if (!ext && /^[48]00\d{7}$/.test(main)) return main;
  const area = /^(010|02\d)/.test(main) ? main.slice(0, 3) : /^0[3-9]\d{2}/.test(main) ? main.slice(0, 4) : null;
  if (!area) return null;
  const local = main.slice(area.length);
  const ok = area.length === 3 ? /^[2-9]\d{7}$/.test(local) : /^[2-9]\d{6,7}$/.test(local);
  return ok ? `${area}-${local}${ext ? `-${ext[2]}` : ''}` : null;
}

/** Bank account digits: spaces and dashes as people group them are dropped (`6222 0212 3456 7890` → `6222021234567890`). */
export function normaliseBankAccount(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0-]+/g, '');
}

export const CREDIT_CODE_MESSAGES = {
  length: 'a unified social credit code has 18 characters',
  characters: 'a unified social credit code uses digits and capital letters except I, O, Z, S and V',
  checkChar: 'the check character (18th) of this unified social credit code does not match: a typing error?',
} as const;
export const PHONE_MESSAGE = 'a mobile number (11 digits from 13…19), a landline with its area code (021-62881234) or +country code';
export const BANK_ACCOUNT_MESSAGE = 'a bank account number: 6 to 32 digits';

/** Optional partner identifiers for the models' schemas: '' and null are "not on file" (the ZodString stays a string schema). */
export const partnerIdFields = {
  creditCode: z
    .string()
    .max(40)
    .overwrite(normaliseCreditCode)
    .check((ctx) => {
      const p = ctx.value === '' ? null : creditCodeProblem(ctx.value);
      if (p) ctx.issues.push({ code: 'custom', message: CREDIT_CODE_MESSAGES[p], input: ctx.value });
    })
    .nullable()
    .optional(),
  phone: z
    .string()
    .max(40)
    .overwrite((s) => normalisePhone(s) ?? s.trim())
    .check((ctx) => {
      if (ctx.value !== '' && normalisePhone(ctx.value) !== ctx.value) ctx.issues.push({ code: 'custom', message: PHONE_MESSAGE, input: ctx.value });
    })
    .nullable()
    .optional(),
  bankAccount: z
    .string()
    .max(64)
    .overwrite(normaliseBankAccount)
    .check((ctx) => {
      if (ctx.value !== '' && !/^\d{6,32}$/.test(ctx.value)) ctx.issues.push({ code: 'custom', message: BANK_ACCOUNT_MESSAGE, input: ctx.value });
    })
    .nullable()
    .optional(),
};
