import { describe, expect, it } from 'vitest';
import { addMonthsClamped, nextPeriod, parsePeriod, periodContaining, periodsBack, periodsBetween, previousPeriod, quartersBack, samePeriodLastYear } from '../../../shared/period';

describe('periods', () => {
  it('parses calendar periods with inclusive bounds, leap years included', () => {
    expect(parsePeriod('2024-02')).toEqual({ label: '2024-02', kind: 'month', start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2023-02').end).toBe('2023-02-28');
    expect(parsePeriod('2019-Q1')).toMatchObject({ kind: 'quarter', start: '2019-01-01', end: '2019-03-31' });
    expect(parsePeriod('2019-Q4')).toMatchObject({ start: '2019-10-01', end: '2019-12-31' });
    expect(parsePeriod('2019-H2')).toMatchObject({ kind: 'half', start: '2019-07-01', end: '2019-12-31' });
    expect(parsePeriod('2019')).toMatchObject({ kind: 'year', start: '2019-01-01', end: '2019-12-31' });
    expect(() => parsePeriod('2019-Q5')).toThrow(RangeError);
    expect(() => parsePeriod('2019-13')).toThrow(RangeError);
  });

  it('shifts quarters, halves and years by the fiscal start month (fiscal year named after the year it ends in)', () => {
    // FY2019 starting in April: 2018-04-01 .. 2019-03-31
    expect(parsePeriod('2019', 4)).toMatchObject({ start: '2018-04-01', end: '2019-03-31' });
    expect(parsePeriod('2019-Q1', 4)).toMatchObject({ start: '2018-04-01', end: '2018-06-30' });
    expect(parsePeriod('2019-Q4', 4)).toMatchObject({ start: '2019-01-01', end: '2019-03-31' });
    expect(parsePeriod('2019-H2', 4)).toMatchObject({ start: '2018-10-01', end: '2019-03-31' });
    // Months stay calendar months.
    expect(parsePeriod('2019-03', 4)).toMatchObject({ start: '2019-03-01', end: '2019-03-31' });
    expect(periodContaining('2018-05-15', 'quarter', 4).label).toBe('2019-Q1');
    expect(periodContaining('2019-03-31', 'year', 4).label).toBe('2019');
    expect(periodContaining('2019-04-01', 'year', 4).label).toBe('2020');
  });

  it('walks periods forwards, backwards and year on year', () => {
    expect(nextPeriod(parsePeriod('2019-Q4')).label).toBe('2020-Q1');
    expect(previousPeriod(parsePeriod('2020-Q1')).label).toBe('2019-Q4');
    expect(previousPeriod(parsePeriod('2020-03')).label).toBe('2020-02');
    expect(nextPeriod(parsePeriod('2019-H2')).label).toBe('2020-H1');
    expect(samePeriodLastYear(parsePeriod('2020-Q2')).label).toBe('2019-Q2');
    expect(samePeriodLastYear(parsePeriod('2024-02')).end).toBe('2023-02-28');
    expect(periodsBetween('2019-02-10', '2019-11-30', 'quarter').map((p) => p.label)).toEqual(['2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4']);
    expect(periodsBetween('2019-12-31', '2020-01-01', 'month').map((p) => p.label)).toEqual(['2019-12', '2020-01']);
  });

  it('adds months clamped to the end of the month', () => {
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2024-11-15', 3)).toBe('2025-02-15');
    expect(addMonthsClamped('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('offers the fiscal quarters, halves and years a page lists, newest first (April fiscal year)', () => {
    // 2026-11-30 with a fiscal year from April: FY2027 runs 2026-04-01 .. 2027-03-31, so November is its Q3.
    expect(quartersBack('2026-11-30', 4, 4)).toEqual(['2027-Q3', '2027-Q2', '2027-Q1', '2026-Q4', '2026-Q3']);
    expect(quartersBack('2026-11-30', 1)).toEqual(['2026-Q4', '2026-Q3']);
    expect(periodsBack('2026-11-30', 'half', 2, 4)).toEqual(['2027-H2', '2027-H1', '2026-H2']);
    expect(periodsBack('2026-03-31', 'year', 1, 4)).toEqual(['2026', '2025']);
    expect(periodsBack('2026-04-01', 'year', 0, 4)).toEqual(['2027']);
    // A fiscal quarter offered is the one the domain computes: its days are the fiscal ones.
    expect(parsePeriod(quartersBack('2026-11-30', 1, 4)[1], 4)).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
  });
});
