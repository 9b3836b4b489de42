import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/dates';
import { issueText } from '../../../shared/validationMessages';
import { memoryApi } from '../../helpers/workspace';
import { rebateProgram } from '../incentives/fixture';

type Body = { code: string; issues: Array<{ path: string; message: string }> };
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { body: Body }) => e.body);

describe('the one calendar-date schema', () => {
  it('accepts real days only', () => {
    expect(['2024-02-29', '2025-12-31', '2025-01-01'].map((d) => isoDate.safeParse(d).success)).toEqual([true, true, true]);
    expect(['2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-1-1', '20250101'].map((d) => isoDate.safeParse(d).success)).toEqual([false, false, false, false, false, false]);
  });

  it('every input taking a date refuses 2025-02-30, in words', async () => {
    const { api } = memoryApi();
    const program = await refusal(api.send('incentives.programs.save', { definition: rebateProgram({ validFrom: '2025-02-30' }) as never }));
    expect(program).toMatchObject({ code: 'INVALID_INPUT' });
    const issue = program!.issues.find((i) => i.path.endsWith('validFrom'))!;
    expect(issueText(issue, '生效日期', 'zh-CN')).toBe('生效日期不是有效的日期');
    expect(issueText(issue, 'Valid from', 'en')).toBe('Valid from is not a calendar date');
    const programTo = await refusal(api.send('incentives.programs.save', { definition: rebateProgram({ validTo: '2025-04-31' }) as never }));
    expect(programTo!.issues.map((i) => i.path)).toContainEqual(expect.stringMatching(/validTo$/));

    const refusedDate = async (name: string, input: Record<string, unknown>) => {
      const r = await refusal(api.send(name as never, input as never));
      expect(r, name).toMatchObject({ code: 'INVALID_INPUT' });
      expect(r!.issues.map((i) => i.message), name).toContain('not a calendar date');
    };
    await refusedDate('channelManagers.reassign', { partnerIds: [1], to: null, on: '2025-02-30' });
    await refusedDate('plans.show', { code: 'PLAN', asOf: '2025-02-30' });
    await refusedDate('training.expiring', { asOf: '2025-02-30', days: 30 });
    await refusedDate('risks.overdue', { asOf: '2025-02-30' });
  });
});
