import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { partnerFields } from '../../../electron/model/partners';
import { issueText } from '../../../shared/validationMessages';
import { creditCodeProblem, isValidCreditCode, normaliseBankAccount, normaliseCreditCode, normalisePhone, partnerIdFields } from '../../../shared/partnerIds';

/**
 * The check character computed here independently of shared/partnerIds: GB 32100-2015 gives the weight of position i
 * (0-based) as 3^i mod 31 and the check value as 31 − (Σ value × weight) mod 31, over the code set without I O Z S V.
 */
const SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function checkChar(first17: string): string {
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    sum += SET.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return SET[(31 - (sum % 31)) % 31];
}

describe('unified social credit code (统一社会信用代码)', () => {
  it('accepts the published example and codes with an independently computed check character', () => {
    expect(checkChar('91350100M000100Y4')).toBe('3'); // 91350100M000100Y43, the example in GB 32100-2015 guides
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    for (const first17 of ['91310115MA1H7B2X3', '12100000400000624', '91440300708461136', '52110000500021676', '93330105MA2CDEF0A']) {
      const code = first17 + checkChar(first17);
      expect(isValidCreditCode(code), code).toBe(true);
    }
  });

  it('refuses a wrong check character, a swapped pair, letters outside the code set and a wrong length, each with its reason', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checkChar');
    expect(creditCodeProblem('91351000M000100Y43')).toBe('checkChar'); // two digits swapped
    expect(creditCodeProblem('91350100M0001O0Y43')).toBe('characters'); // letter O
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
  });

  it('reads what people type: full width, lower case, spaces and dashes', () => {
    expect(normaliseCreditCode('９１３５0100-m000 100y43')).toBe('91350100M000100Y43');
  });
});

describe('phone numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['０２１－６２８８１２３４', '021-62881234'],
    ['(021) 6288 1234', '021-62881234'],
    ['010-82345678', '010-82345678'],
    ['0571 8888 8888', '0571-88888888'],
    ['0755-2345678', '0755-2345678'],
    ['021-62881234 转 806', '021-62881234-806'],
    ['021-62881234 ext. 12', '021-62881234-12'],
    ['400-812-3456', '4008123456'],
    ['+852 2123 4567', '+852 2123 4567'],
  ])('%s → %s', (typed, stored) => expect(normalisePhone(typed)).toBe(stored));

  it.each(['123', '12800138000', '1380013800', '138001380001', '021-1234567', '021-02345678', '62881234', '0571-123456', 'call me', '+86 12345'])('refuses %s', (typed) =>
    expect(normalisePhone(typed)).toBeNull(),
  );
});

describe('the partner schema (form, CLI, import)', () => {
  const parse = (v: Record<string, unknown>) => partnerFields.partial().safeParse(v);

  it('stores the normalised forms', () => {
    const r = parse({ creditCode: '91350100m000100y43', phone: '+86 139 1234 5678', bankAccount: '6222 0212 3456 7890 123' });
    expect(r.success && r.data).toEqual({ creditCode: '91350100M000100Y43', phone: '13912345678', bankAccount: '6222021234567890123' });
    expect(normaliseBankAccount('6222-0212-3456')).toBe('622202123456');
  });

  it('refuses bad values with words for each field in both languages, and leaves absent fields absent', () => {
    const r = parse({ creditCode: '91350100M000100Y44', phone: '021-1234', bankAccount: '6222 0212 3456 789X' });
    expect(r.success).toBe(false);
    const issues = r.error!.issues;
    expect(issues.map((i) => i.path[0])).toEqual(['phone', 'creditCode', 'bankAccount']);
    expect(issueText(issues[1], '统一社会信用代码', 'zh-CN')).toBe('统一社会信用代码：校验位（第 18 位）不符，请核对是否输错');
    expect(issueText(issues[0], 'Phone', 'en')).toMatch(/^Phone must be a mobile number/);
    expect(issueText(issues[2], '银行账号', 'zh-CN')).toBe('银行账号应为 6 至 32 位数字');
    expect(parse({})).toEqual({ success: true, data: {} });
    expect(parse({ creditCode: null, phone: '', bankAccount: '' }).success).toBe(true);
  });

  it('the fields stay string schemas (the CLI reads their options from them)', () => {
    expect(partnerIdFields.creditCode.unwrap().unwrap()).toBeInstanceOf(z.ZodString);
  });
});
