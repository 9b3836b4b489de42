import { describe, expect, it } from 'vitest';
import { renderExplanation } from '../../../electron/domain/incentives/explanation';
import { calculateTieredRebate } from '../../../electron/domain/incentives/tieredRebate';
import { openMemoryWorkspace } from '../../../db/database';

describe('tiered rebate: the explanation of a zero basis', () => {
  it('names the first tier as it is (≥ ¥0.00), not the next one', () => {
    const ws = openMemoryWorkspace();
    const tiers = [
      { from: 0, rate: 0.01 },
      { from: 50_000, rate: 0.02 },
    ];
    const lines = calculateTieredRebate({
      ws,
      from: '2025-01-01',
      to: '2025-03-31',
      period: { label: '2025-Q1' },
      eligible: [{ id: 999 }],
      program: { currency: 'CNY', basis: 'revenue', tiering: 'retroactive', tiers, cap: null },
    } as never);
    ws.close();
    expect(lines[0]).toMatchObject({ amountMinor: 0, basisMinor: 0 });
    const en = renderExplanation(lines[0].explain as never, 'en');
    expect(en).toContain('is not positive: no rebate (first tier ≥ ¥0.00)');
    expect(en).not.toContain('50,000');
    expect(renderExplanation(lines[0].explain as never, 'zh-CN')).toContain('不为正：无返利（首档 ≥ ¥0.00）');
  });
});
