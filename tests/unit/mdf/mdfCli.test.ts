import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';
import { LATER, YEAR, proofFiles } from './fixture';

const ROOT = join(import.meta.dirname, '..', '..', '..');

async function workspaceWithPartners(dir: string, codes: string[]): Promise<string> {
  const path = join(dir, 'ws.sqlite');
  const ws = openWorkspace(path);
  const api = createApi({ ws, user: 'setup' });
  for (const c of codes) await api.send('partners.create', partnerInput(c) as never);
  ws.close();
  return path;
}

function child(db: string, requestId: number, dir: string): Promise<{ ok: boolean; status?: string; code?: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/unit/mdf/approveInChild.ts'), db, String(requestId), join(dir, `ready-${requestId}`), join(dir, 'go')], { cwd: ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('pwb mdf', () => {
  it('runs funds add → request → approve → claim with proof → claim-approve → pay, with yuan amounts and JSON answers', async () => {
    const t = tempDir('pwb-mdf-cli-');
    try {
      const db = await workspaceWithPartners(t.dir, ['P1']);
      const { paths, bytes } = proofFiles(t.dir);
      const run = (args: string[]) => {
        const r = pwb([...args, '--db', db, '--json']);
        if (r.code !== 0) throw new Error(`pwb ${args.join(' ')}: ${r.stderr}`);
        return r.json<Record<string, unknown>>();
      };
      run(['mdf', 'funds', 'add', '--code', 'F22', '--name', '华东展会', '--period', String(YEAR), '--amount', '100000', '--currency', 'CNY', '--territory', 'HD', '--channel-type', 'dealer', '--claim-deadline', LATER]);
      const funds = run(['mdf', 'funds', 'list']) as unknown as Array<{ code: string; balance: { budgetMinor: number } }>;
      expect(funds.map((f) => [f.code, f.balance.budgetMinor])).toEqual([['F22', 10_000_000]]);
      const req = run(['mdf', 'request', '--fund', 'F22', '--partner', 'P1', '--activity', 'exhibition', '--from', `${YEAR}-04-01`, '--to', `${YEAR}-04-03`, '--amount', '20000.005', '--share', '0.5']);
      expect(req).toMatchObject({ requestId: expect.any(Number), amountMinor: 2_000_001, share: 0.5, status: 'pending' });
      const approved = run(['mdf', 'approve', String(req.requestId), '--amount', '18000']);
      expect(approved).toMatchObject({ status: 'approved', approvedMinor: 1_800_000, committedMinor: 900_000 });
      const tooMuch = pwb(['mdf', 'claim', String(req.requestId), '--amount', '9000.01', '--proof', paths.pdf, '--db', db, '--json']);
      expect(tooMuch.code).toBe(1);
      expect(JSON.parse(tooMuch.stderr).error.message).toContain('more than the request allows');
      const claim = run(['mdf', 'claim', String(req.requestId), '--amount', '8888.88', '--proof', paths.pdf, '--proof', paths.png]);
      expect(claim).toMatchObject({ claimId: expect.any(Number), amountMinor: 888_888, status: 'submitted' });
      expect((claim.proofs as Array<{ sha256: string }>).map((p) => p.sha256)).toEqual([createHash('sha256').update(bytes.pdf).digest('hex'), createHash('sha256').update(bytes.png).digest('hex')]);
      const unapproved = pwb(['mdf', 'pay', String(claim.claimId), '--ref', 'X', '--db', db]);
      expect(unapproved.code).toBe(1);
      expect(unapproved.stderr).toContain('approve it before paying');
      run(['mdf', 'claim-approve', String(claim.claimId)]);
      run(['mdf', 'pay', String(claim.claimId), '--ref', 'BANK-2026-118']);
      expect(run(['mdf', 'balance', '--fund', 'F22'])).toMatchObject({ budgetMinor: 10_000_000, allocatedMinor: 0, approvedMinor: 888_888, claimedMinor: 888_888, paidMinor: 888_888, remainingMinor: 10_000_000 - 888_888 });

      // The proof files live in the workspace: a backup carries them byte-identical through a restore.
      const backup = join(t.dir, 'backup.sqlite');
      expect(pwb(['backup', '--db', db, '--out', backup]).code).toBe(0);
      const ws = openWorkspace(db);
      ws.sqlite.prepare('update mdf_proof_files set content = zeroblob(10)').run();
      ws.close();
      const restored = pwb(['restore', '--db', db, '--from', backup]);
      expect(restored.code, restored.stderr).toBe(0);
      const ws2 = openWorkspace(db);
      try {
        const api = createApi({ ws: ws2, user: 't' });
        const claimAfter = await api.send('mdf.claims.get', { id: claim.claimId as number });
        const contents = await Promise.all(claimAfter.proofs.map((p) => api.send('mdf.proofs.get', { id: p.id })));
        expect(contents.map((c) => Buffer.from(c.dataBase64, 'base64').equals(c.fileName === 'booth.png' ? bytes.png : bytes.pdf))).toEqual([true, true]);
        expect(contents.map((c) => c.fileName)).toEqual(['发票.pdf', 'booth.png']);
      } finally {
        ws2.close();
      }
    } finally {
      t.cleanup();
    }
  }, 180_000);

  it('two processes approving at once against a fund with room for one: exactly one approval lands', async () => {
    const t = tempDir('pwb-mdf-race-');
    try {
      const db = await workspaceWithPartners(t.dir, ['P1', 'P2']);
      const ws = openWorkspace(db);
      const api = createApi({ ws, user: 'setup' });
      await api.send('mdf.funds.add', { code: 'ONE', name: '只够一笔', period: String(YEAR), budgetMinor: 100_000, claimDeadline: LATER });
      const ids: number[] = [];
      for (const p of ['P1', 'P2']) ids.push((await api.send('mdf.requests.add', { fundCode: 'ONE', partnerCode: p, activityType: 'promotion', startsOn: `${YEAR}-06-01`, endsOn: `${YEAR}-06-02`, amountMinor: 60_000 })).id);
      ws.close();
      const outcomes = Promise.all(ids.map((id) => child(db, id, t.dir)));
      while (!ids.every((id) => existsSync(join(t.dir, `ready-${id}`)))) await new Promise((r) => setTimeout(r, 10));
      writeFileSync(join(t.dir, 'go'), 'go');
      const results = await outcomes;
      expect(results.filter((r) => r.ok).length).toBe(1);
      expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(['CONFLICT']);
      const check = openWorkspace(db);
      try {
        const balance = await createApi({ ws: check, user: 't' }).send('mdf.balance', { fundCode: 'ONE' });
        expect([balance.approvedMinor, balance.remainingMinor]).toEqual([60_000, 40_000]);
        const audits = check.sqlite.prepare(`select count(*) as n from audit_log where operation = 'mdf.requests.approve' and outcome = 'ok'`).get() as { n: number };
        expect(audits.n).toBe(1);
      } finally {
        check.close();
      }
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
