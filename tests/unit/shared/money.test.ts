import { describe, expect, it } from 'vitest';
import { applyRate, decimalToMinor, formatMinor, formatMoney, majorToMinor, mulDivRound, roundHalfAwayFromZero } from '../../../shared/money';

describe('money', () => {
  it('parses decimals exactly and rounds half away from zero once', () => {
    expect(decimalToMinor('1234.56')).toBe(123456);
    expect(decimalToMinor('0.005')).toBe(1);
    expect(decimalToMinor('-0.005')).toBe(-1);
    expect(decimalToMinor('0.0049999')).toBe(0);
    expect(decimalToMinor('1.005')).toBe(101); // a float would say 100.49999
    expect(decimalToMinor('.5')).toBe(50);
    expect(decimalToMinor('12')).toBe(1200);
    expect(decimalToMinor('1e5')).toBeNull();
    expect(decimalToMinor('')).toBeNull();
    expect(decimalToMinor('-')).toBeNull();
    expect(decimalToMinor('100', 'JPY')).toBe(100);
  });
  it('converts program amounts written in major units', () => {
    expect(majorToMinor(500000)).toBe(50000000);
    expect(majorToMinor(0.1 + 0.2)).toBe(30); // 0.30000000000000004 → 0.30
    expect(majorToMinor(1234.565)).toBe(123457);
  });
  it('applies rates exactly', () => {
    expect(applyRate(61234000, 0.03)).toBe(1837020);
    expect(applyRate(1, 0.5)).toBe(1);
    expect(applyRate(-1, 0.5)).toBe(-1);
    expect(applyRate(333, 0.015)).toBe(5); // 4.995 → 5
    expect(applyRate(100, 0.035)).toBe(4); // 3.5 → 4
    expect(applyRate(12345, 1e-7)).toBe(0);
    expect(mulDivRound(1000, 1, 3)).toBe(333);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(roundHalfAwayFromZero(2.4999999999999996)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
  });
  it('formats', () => {
    expect(formatMinor(123456789)).toBe('1,234,567.89');
    expect(formatMinor(-5)).toBe('-0.05');
    expect(formatMinor(900719925474099, 'CNY')).toBe('9,007,199,254,740.99');
    expect(formatMinor(100000, 'JPY')).toBe('100,000');
    expect(formatMinor(99999, 'CNY')).toBe('999.99');
    expect(formatMoney(-123456, 'CNY')).toBe('-¥1,234.56');
  });
  it('groups thousands like the look-ahead pattern it replaced, at every length', () => {
    const byPattern = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    for (let n = 1; n <= 13; n++) {
      const digits = '9876543210123'.slice(0, n);
      expect(formatMinor(Number(digits) * 100)).toBe(`${byPattern(digits)}.00`);
      expect(formatMinor(-Number(digits), 'JPY')).toBe(`-${byPattern(digits)}`);
    }
    expect(formatMinor(100000000)).toBe('1,000,000.00');
  });
});
