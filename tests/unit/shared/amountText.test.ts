import { describe, expect, it } from 'vitest';
import { amountInputText, amountProblemText, checkAmount, minorToMajor, readAmount } from '../../../shared/amountText';

describe('readAmount: amounts as people type them', () => {
  it.each([
    ['1500000', 150_000_000],
    ['1,500,000', 150_000_000],
    ['1500000.5', 150_000_050],
    ['¥1,500,000.00', 150_000_000],
    ['￥1,500,000', 150_000_000],
    ['¥ 1,500,000', 150_000_000],
    ['１，５００，０００．００', 150_000_000],
    ['１５０００００', 150_000_000],
    ['1,500,000元', 150_000_000],
    ['1500000 元', 150_000_000],
    ['RMB 1,500,000', 150_000_000],
    ['CNY1500000', 150_000_000],
    ['人民币1500000', 150_000_000],
    ['150万', 150_000_000],
    ['1.5万元', 1_500_000],
    ['1.23456万', 1_234_560],
    ['1.2亿', 12_000_000_000],
    ['  12.3 ', 1_230],
    ['.5', 50],
    ['0', 0],
    ['12.30', 1_230],
    ['12.300', 1_230],
    ['-1,500.25', -150_025],
    ['¥-1,500.25', -150_025],
    ['-¥1,500.25', -150_025],
    ['−1500', -150_000],
    ['(1,500.00)', -150_000],
    ['+100', 10_000],
  ])('%s → %d fen', (text, minor) => expect(readAmount(text)).toEqual({ minor, problem: null }));

  it.each(['abc', '1,50,000', '1,5000', ',500', '1.2.3', '1 500 000', '$1,500', '€100', '1500$', '12-', '--5', '1e6', '0x10', '１.５ｋ', '(-5)', '¥', '万'])(
    'refuses %s',
    (text) => expect(readAmount(text)).toEqual({ minor: null, problem: 'notAmount' }),
  );

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(readAmount('12.345').problem).toBe('tooPrecise');
    expect(readAmount('1.2345678万').problem).toBe('tooPrecise');
    expect(readAmount('100.5', 'JPY').problem).toBe('tooPrecise');
    expect(readAmount('¥1,500', 'JPY')).toEqual({ minor: 1500, problem: null });
  });

  it('takes the symbol of the field currency only', () => {
    expect(readAmount('$1,500.10', 'USD')).toEqual({ minor: 150_010, problem: null });
    expect(readAmount('US$ 2', 'USD')).toEqual({ minor: 200, problem: null });
    expect(readAmount('¥1,500', 'USD').problem).toBe('notAmount');
  });

  it('empty text is no amount and no problem; the field rules decide', () => {
    expect(readAmount('  ')).toEqual({ minor: null, problem: null });
    expect(checkAmount('', { required: true }).problem).toBe('required');
    expect(checkAmount('', {}).problem).toBeNull();
    expect(checkAmount('-5').problem).toBe('negative');
    expect(checkAmount('-5', { sign: 'any' }).minor).toBe(-500);
    expect(checkAmount('0', { sign: 'positive' }).problem).toBe('notPositive');
    expect(checkAmount('99999999999999999999').problem).toBe('tooLarge');
  });

  it('words each problem under the field label in both languages', () => {
    expect(amountProblemText('notAmount', '预算', 'zh-CN')).toMatch(/^预算不是有效的金额/);
    expect(amountProblemText('notAmount', 'Budget', 'en')).toMatch(/^Budget is not an amount/);
    expect(amountProblemText('tooPrecise', 'Budget', 'en')).toBe('Budget can have at most 2 decimals');
    expect(amountProblemText('notPositive', '金额', 'zh-CN')).toBe('金额必须大于 0');
  });

  it('shows a program-file number for editing and reads it back unchanged', () => {
    for (const major of [0, 1500000, 1500000.5, 0.01, -250.75, 12345678.9]) {
      const text = amountInputText(major);
      expect(minorToMajor(readAmount(text).minor!)).toBe(major);
    }
    expect(amountInputText(1500000.5)).toBe('1,500,000.5');
    expect(amountInputText(null)).toBe('');
  });
});
