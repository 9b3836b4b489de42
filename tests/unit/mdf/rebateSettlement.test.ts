import { describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/clock';
import { rebateProgram, sale } from '../incentives/fixture';
import { tempDir } from '../../helpers/workspace';
import { YEAR, mdfSetup, proofFiles } from './fixture';

/** A claim approved for `amountMinor` and set to be settled with P's next rebate. */
async function settlingClaim(s: Awaited<ReturnType<typeof mdfSetup>>, partnerCode: string, amountMinor: number, proof: string) {
  const r = await s.request(partnerCode, amountMinor);
  await s.api.send('mdf.requests.approve', { requestId: r.id });
  const c = await s.api.send('mdf.claims.add', { requestId: r.id, amountMinor, proofs: [{ path: proof }] });
  await s.api.send('mdf.claims.decide', { claimId: c.id, decision: 'approve' });
  const settling = await s.api.send('mdf.claims.pay', { claimId: c.id, deductFromRebates: true });
  expect(settling.status).toBe('settling');
  return c.id;
}

const mdfLines = (run: { lines: Array<{ partnerCode: string; kind: string; amountMinor: number; explanation: string; explanationEn: string; reason: string | null }> }) =>
  run.lines.filter((l) => l.reason?.startsWith('MDF claim'));

describe('MDF settled by deducting from rebates (抵扣返利)', () => {
  it('appears once and only once: on the next run the partner earns in, carried to a recalculated version, never on a second program, back after a void', async () => {
    const s = await mdfSetup(10_000_000);
    const { api, ws, ids } = s;
    const t = tempDir('pwb-mdf-');
    try {
      const { paths } = proofFiles(t.dir);
      sale(ws, ids.P1, `${YEAR}-02-01`, 61_234_000); // 3 % → 1 837 020; P2 sells nothing and earns nothing
      const program = rebateProgram({ validFrom: `${YEAR}-01-01`, validTo: `${YEAR}-12-31` });
      await api.send('incentives.programs.save', { definition: program });
      await api.send('incentives.programs.save', { definition: { ...program, code: 'REB-Q-B', name: '第二个返利' } });
      const c1 = await settlingClaim(s, 'P1', 123_456, paths.pdf);
      const c2 = await settlingClaim(s, 'P2', 50_000, paths.pdf);

      const v1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: `${YEAR}-Q1` });
      expect(mdfLines(v1).map((l) => [l.partnerCode, l.kind, l.amountMinor])).toEqual([['P1', 'adjustment', 123_456]]);
      expect(mdfLines(v1)[0].explanation).toContain(`核销单 #${c1}`);
      expect(mdfLines(v1)[0].explanation).toContain('¥1,234.56');
      expect(mdfLines(v1)[0].explanationEn).toContain(`claim #${c1}`);
      expect(v1.totalMinor).toBe(1_837_020 + 123_456);

      // Recalculating the draft moves the line to the new version (the old one is void), it does not copy it twice.
      const v2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: `${YEAR}-Q1` });
      expect(mdfLines(v2).map((l) => l.amountMinor)).toEqual([123_456]);
      // A second program's run for the same partner does not carry it again.
      const other = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q-B', period: `${YEAR}-Q1` });
      expect(mdfLines(other)).toEqual([]);
      const live = ws.sqlite
        .prepare(`select count(*) as n from payout_lines l join payout_runs r on r.id = l.run_id where json_extract(l.details, '$.mdfClaimId') = ? and r.status != 'void'`)
        .get(c1) as { n: number };
      expect(live.n).toBe(1);

      // Ledger: owed once. Claim approved (+), moved onto the run when the run is approved (−), the run's line (+).
      await api.send('incentives.payouts.void', { runId: other.id, reason: 'duplicate program' });
      await api.send('incentives.payouts.approve', { runId: v2.id });
      const ledger = await api.send('ledger.partner', { partnerCode: 'P1' });
      expect(ledger.closingMinor).toBe(1_837_020 + 123_456);
      expect(ledger.entries.filter((e) => e.source.type === 'mdf_claim').map((e) => [e.kind, e.amountMinor])).toEqual([
        ['approved', 123_456],
        ['adjustment', -123_456],
      ]);
      expect((await api.send('mdf.balance', { fundCode: 'F' })).paidMinor).toBe(0);
      await api.send('incentives.payouts.pay', { runId: v2.id, paymentRef: 'BANK-77', date: localDate() });
      expect((await api.send('mdf.balance', { fundCode: 'F' })).paidMinor).toBe(123_456);
      expect((await api.send('mdf.claims.get', { id: c1 })).payoutRunStatus).toBe('paid');
      expect((await api.send('ledger.partner', { partnerCode: 'P1' })).closingMinor).toBe(0);

      // P2's claim waits for a run P2 earns in; a voided draft frees it for the next run, once.
      sale(ws, ids.P2, `${YEAR}-05-01`, 61_234_000);
      const q2 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: `${YEAR}-Q2` });
      expect(mdfLines(q2).map((l) => [l.partnerCode, l.amountMinor])).toEqual([['P2', 50_000]]);
      await api.send('incentives.payouts.void', { runId: q2.id, reason: 'recheck' });
      const q2b = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q-B', period: `${YEAR}-Q2` });
      expect(mdfLines(q2b).map((l) => [l.partnerCode, l.amountMinor])).toEqual([['P2', 50_000]]);
      expect(c2).toBeGreaterThan(0);
    } finally {
      t.cleanup();
    }
  });
});
