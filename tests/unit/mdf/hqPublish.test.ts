import { describe, expect, it } from 'vitest';
import { mdfSetup } from './fixture';

describe('MDF for HQ', () => {
  it('funds, requests, allocations and claims are logged for publishing in the same transaction; proof files are not', async () => {
    const s = await mdfSetup();
    const r = await s.request('P1', 1000);
    await s.api.send('mdf.requests.approve', { requestId: r.id });
    const logged = s.ws.sqlite.prepare(`select tbl, count(*) as n from change_log where tbl like 'mdf_%' group by tbl order by tbl`).all() as Array<{ tbl: string; n: number }>;
    expect(logged.map((l) => l.tbl)).toEqual(['mdf_funds', 'mdf_requests']);
    expect(logged.find((l) => l.tbl === 'mdf_requests')!.n).toBe(2); // inserted, then approved
  });
});
