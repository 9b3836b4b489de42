import { describe, expect, it } from 'vitest';
import { periodFromText } from '../../../shared/periodText';

describe('periodFromText: periods as people type them', () => {
  it.each([
    ['2025-Q4', '2025-Q4'],
    ['2025q4', '2025-Q4'],
    [' 2025 Q4 ', '2025-Q4'],
    ['2025年第4季度', '2025-Q4'],
    ['2025年4季度', '2025-Q4'],
    ['2025年第四季度', '2025-Q4'],
    ['２０２５Ｑ１', '2025-Q1'],
    ['2025-H2', '2025-H2'],
    ['2025h1', '2025-H1'],
    ['2025年上半年', '2025-H1'],
    ['2025年下半年', '2025-H2'],
    ['2025年3月', '2025-03'],
    ['2025-3', '2025-03'],
    ['2025/12', '2025-12'],
    ['2025年十二月', '2025-12'],
    ['2025', '2025'],
    ['2025年', '2025'],
    ['2025年度', '2025'],
  ])('%s → %s', (text, label) => expect(periodFromText(text)).toBe(label));

  it('leaves what is no period for the schema to refuse', () => {
    expect(periodFromText('2025-Q5')).toBe('2025-Q5');
    expect(periodFromText('2025-13')).toBe('2025-13');
    expect(periodFromText(' next quarter ')).toBe('next quarter');
  });
});

describe('periods typed into the plan and inventory inputs', () => {
  it('the plan and inventory schemas take typed forms and store the label', async () => {
    const { planCreateInput } = await import('../../../electron/model/plans');
    const { inventoryOverviewInput } = await import('../../../electron/model/inventory');
    const plan = (period: string) => planCreateInput.safeParse({ code: 'P', period, scope: { kind: 'all' }, rules: { method: 'last-year-share' } });
    expect(plan('2027年第1季度').data?.period).toBe('2027-Q1');
    expect(plan('2027q3').data?.period).toBe('2027-Q3');
    expect(plan('2027年上半年').data?.period).toBe('2027-H1');
    expect(plan('2027年3月').success).toBe(false); // plans are for years, halves and quarters
    expect(inventoryOverviewInput.parse({ period: '2025年4季度' }).period).toBe('2025-Q4');
    expect(inventoryOverviewInput.safeParse({ period: '2025-Q5' }).success).toBe(false);
  });
});
