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
