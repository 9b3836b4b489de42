import { describe, expect, it } from 'vitest';
import { computeExpiry, daysUntil, isValidOn } from '../../../electron/model/trainingExpiry';

describe('computeExpiry', () => {
  it('adds whole months and keeps the day of month', () => {
    expect(computeExpiry('2024-03-15', 12)).toBe('2025-03-15');
    expect(computeExpiry('2024-03-15', 24)).toBe('2026-03-15');
    expect(computeExpiry('2024-11-20', 3)).toBe('2025-02-20');
  });

  it('clamps month-end completions to the end of the target month', () => {
    expect(computeExpiry('2024-01-31', 12)).toBe('2025-01-31');
    expect(computeExpiry('2024-01-31', 1)).toBe('2024-02-29');
    expect(computeExpiry('2025-01-31', 1)).toBe('2025-02-28');
    expect(computeExpiry('2024-08-31', 1)).toBe('2024-09-30');
    expect(computeExpiry('2024-01-30', 1)).toBe('2024-02-29');
  });

  it('handles leap-day completions', () => {
    expect(computeExpiry('2024-02-29', 12)).toBe('2025-02-28');
    expect(computeExpiry('2024-02-29', 48)).toBe('2028-02-29');
    expect(computeExpiry('2023-02-28', 12)).toBe('2024-02-28');
  });

  it('returns null for courses that never expire', () => {
    expect(computeExpiry('2024-02-29', null)).toBeNull();
  });

  it('rejects nonsense input', () => {
    expect(() => computeExpiry('2024-02-30', 12)).toThrow(RangeError);
    expect(() => computeExpiry('2024-01-01', 0)).toThrow(RangeError);
    expect(() => computeExpiry('2024-01-01', 1.5)).toThrow(RangeError);
  });

  it('treats the expiry day as the last valid day', () => {
    const e = computeExpiry('2024-01-31', 12)!;
    expect(isValidOn(e, '2025-01-31')).toBe(true);
    expect(isValidOn(e, '2025-02-01')).toBe(false);
    expect(isValidOn(null, '2999-01-01')).toBe(true);
    expect(daysUntil('2025-03-01', '2025-02-27')).toBe(2);
  });
});
