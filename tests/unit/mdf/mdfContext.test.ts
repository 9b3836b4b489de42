import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/clock';
import { createApi } from '../../../electron/api/api';
import { createOpContext } from '../../../electron/domain/opContext';
import { approveRequest } from '../../../electron/domain/mdf/requests';
import { decideClaim, payClaim, submitClaim } from '../../../electron/domain/mdf/claims';
import { tempDir } from '../../helpers/workspace';
import { mdfSetup, proofFiles, YEAR } from './fixture';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('MDF operations on the operation context', () => {
  it("take who, when and the audit from the context: the context's clock decides the days and instants, in the workspace zone", async () => {
    const { ws, request } = await mdfSetup();
    const t = tempDir('pwb-mdf-ctx-');
    cleanups.push(t.cleanup);
    const f = proofFiles(t.dir);
    const pending = await request('P1', 40_000);
    // 04:30 on 11 May in Beijing is still 10 May in UTC.
    const clock = fixedClock(`${YEAR}-05-10T20:30:00Z`, 'Asia/Shanghai');
    const ctx = (operation: string) => createOpContext({ operation, ws, user: '王经理', clock });

    const approved = approveRequest(ctx('mdf.requests.approve'), { requestId: pending.id });
    expect(approved).toMatchObject({ status: 'approved', decidedAt: `${YEAR}-05-10T20:30:00.000Z`, decidedBy: '王经理' });
    const claim = submitClaim(ctx('mdf.claims.add'), { requestId: pending.id, amountMinor: 30_000, proofs: [{ path: f.paths.pdf }] });
    const decided = decideClaim(ctx('mdf.claims.decide'), { claimId: claim.id, decision: 'approve' });
    expect(decided.approvedOn).toBe(`${YEAR}-05-11`);
    const paid = payClaim(ctx('mdf.claims.pay'), { claimId: claim.id, paymentRef: 'BANK-7' });
    expect(paid).toMatchObject({ status: 'paid', paidOn: `${YEAR}-05-11` });

    const trail = ws.sqlite
      .prepare(`select operation, user, entity, entity_id as entityId, before, after from audit_log where entity in ('mdf_request', 'mdf_claim') and user = '王经理' order by id`)
      .all() as Array<{ operation: string; user: string; entity: string; entityId: string; before: string | null; after: string }>;
    expect(trail.map((r) => [r.operation, r.entity, r.entityId])).toEqual([
      ['mdf.requests.approve', 'mdf_request', String(pending.id)],
      ['mdf.claims.add', 'mdf_claim', String(claim.id)],
      ['mdf.claims.decide', 'mdf_claim', String(claim.id)],
      ['mdf.claims.pay', 'mdf_claim', String(claim.id)],
    ]);
    expect(JSON.parse(trail[0]!.before!)).toMatchObject({ status: 'pending' });
    expect(JSON.parse(trail[0]!.after)).toMatchObject({ status: 'approved', committedMinor: 40_000 });
    expect(JSON.parse(trail[3]!.before!)).toMatchObject({ status: 'approved' });
    expect(JSON.parse(trail[3]!.after)).toMatchObject({ status: 'paid', paymentRef: 'BANK-7' });
  });

  it("reads with the query's clock: the burn-down's days and its last day come from the operation clock's zone, not the laptop's", async () => {
    const { ws, request } = await mdfSetup();
    const pending = await request('P1', 40_000);
    // A zone at least seven hours from the laptop's, and an instant whose day there differs from the laptop's day.
    const east = -new Date(`${YEAR}-05-10T12:00:00Z`).getTimezoneOffset() >= 0;
    const zone = east ? 'America/Los_Angeles' : 'Asia/Shanghai';
    const at = east ? `${YEAR}-05-10T23:30:00-07:00` : `${YEAR}-05-11T00:30:00+08:00`;
    const day = east ? `${YEAR}-05-10` : `${YEAR}-05-11`;
    const clock = fixedClock(at, zone);
    approveRequest(createOpContext({ operation: 'mdf.requests.approve', ws, user: '王经理', clock }), { requestId: pending.id });
    const fund = await createApi({ ws, user: '王经理', clock }).send('mdf.funds.get', { fundCode: 'F' });
    expect(fund.burnDown.find((p) => p.approvedMinor > 0)).toMatchObject({ date: day, approvedMinor: 40_000 });
    expect(fund.burnDown.at(-1)?.date).toBe(day);
  });
});
