import { afterEach, describe, expect, it, vi } from 'vitest';
import { openMemoryWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { fixedClock } from '../../../shared/clock';
import { memoryApi, partnerInput } from '../../helpers/workspace';

// The workspace zone is chosen far from the machine's, whatever the machine's is, so a filter that used the laptop's
// zone would be off by at least seven hours and miss a record made half an hour into or before the end of the day.
const machineAheadOfUtc = -new Date('2025-04-01T12:00:00Z').getTimezoneOffset() >= 0;
const workspace = machineAheadOfUtc ? { zone: 'America/Los_Angeles', offset: '-07:00' } : { zone: 'Asia/Shanghai', offset: '+08:00' };

async function partnerCreatedAt(api: ReturnType<typeof memoryApi>['api'], code: string, at: Date): Promise<void> {
  vi.setSystemTime(at);
  await api.send('partners.create', partnerInput(code));
}

const codesOn = async (api: Pick<ReturnType<typeof memoryApi>['api'], 'send'>, from: string, to: string) =>
  (await api.send('audit.list', { entity: 'partner', from, to })).rows.map((r) => r.recordName).sort();

describe('the audit trail day filter', () => {
  afterEach(() => vi.useRealTimers());

  it("counts days on the workspace clock (company.timeZone), not the laptop's zone", async () => {
    const { api } = memoryApi();
    await api.send('system.settings.set', { key: 'company.timeZone', value: workspace.zone });
    vi.useFakeTimers({ toFake: ['Date'] });
    const wall = (local: string) => new Date(`${local}${workspace.offset}`);
    await partnerCreatedAt(api, 'LATE-0331', wall('2025-03-31T23:30:00'));
    await partnerCreatedAt(api, 'EARLY-0401', wall('2025-04-01T00:30:00'));
    await partnerCreatedAt(api, 'LATE-0401', wall('2025-04-01T23:30:00'));
    await partnerCreatedAt(api, 'EARLY-0402', wall('2025-04-02T00:30:00'));
    expect(await codesOn(api, '2025-04-01', '2025-04-01')).toEqual(['EARLY-0401', 'LATE-0401']);
    expect(await codesOn(api, '2025-03-31', '2025-04-01')).toEqual(['EARLY-0401', 'LATE-0331', 'LATE-0401']);
    expect(await codesOn(api, '2025-04-02', '2025-04-02')).toEqual(['EARLY-0402']);
  });

  it("uses the machine's zone while the workspace has none set", async () => {
    const { api } = memoryApi();
    vi.useFakeTimers({ toFake: ['Date'] });
    await partnerCreatedAt(api, 'LATE-0331', new Date(2025, 2, 31, 23, 30));
    await partnerCreatedAt(api, 'EARLY-0401', new Date(2025, 3, 1, 0, 30));
    await partnerCreatedAt(api, 'EARLY-0402', new Date(2025, 3, 2, 0, 30));
    expect(await codesOn(api, '2025-04-01', '2025-04-01')).toEqual(['EARLY-0401']);
  });

  it("counts days in the operation clock's zone: a fixed clock's zone decides, whatever the laptop's", async () => {
    const ws = openMemoryWorkspace();
    // Half an hour into 1 April in the chosen zone: 31 March on the laptop, whose zone is at least seven hours away.
    const at = new Date(`2025-04-01T00:30:00${workspace.offset}`);
    const api = createApi({ ws, user: 'tester', clock: fixedClock(at, workspace.zone) });
    await api.send('partners.create', partnerInput('EARLY-0401'));
    expect(await codesOn(api, '2025-04-01', '2025-04-01')).toEqual(['EARLY-0401']);
    expect(await codesOn(api, '2025-03-31', '2025-03-31')).toEqual([]);
  });
});
