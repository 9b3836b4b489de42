import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { listBackups } from '../../../electron/domain/backups/backupService';
import { expectAudited, expectRolledBack } from '../../helpers/audit';
import { fileWorkspace, memoryApi, partnerInput } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Jobs write in their own transactions and audit themselves (writeAudit); these use the shared helper to prove it. */
describe('jobs that write are audited', () => {
  it('imports.run: audited, and a backup of the workspace is taken first', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'importer' });
    await api.send('partners.create', partnerInput('P001'));
    const csv = join(f.dir, 'sales.csv');
    writeFileSync(csv, 'Partner Code,Order Date,Order ID,Amount\nP001,2025-01-05,SO1,100.50\nP001,2025-01-06,SO2,99\n');
    await expectAudited(f.ws, () => api.send('imports.run', { kind: 'sales', path: csv }), { operation: 'imports.run', user: 'importer', outcome: 'ok' });
    const kinds = listBackups(join(f.dir, 'backups'), f.ws.path).map((b) => b.kind);
    expect(kinds).toEqual(['before-imports.run']);
    // a failing import leaves nothing behind
    const bad = join(f.dir, 'bad.csv');
    writeFileSync(bad, 'Partner Code,Order Date,Order ID,Amount\nNOPE,2025-01-05,SO3,1\n');
    await expectRolledBack(f.ws, () => api.send('imports.run', { kind: 'sales', path: bad }), ['sales_lines']);
  });

  it('incentives.payouts.calculate and approve: audited; recalculating an approved run is refused and audited', async () => {
    const { ws, api } = memoryApi('finance');
    await api.send('system.loadDemo', { scale: 0.05, asOf: '2026-01-15' });
    const { result: run } = await expectAudited(ws, () => api.send('incentives.payouts.calculate', { programCode: 'REB-2025-Q', period: '2025-Q1' }), { operation: 'incentives.payouts.calculate', outcome: 'ok' });
    const runId = (run as { run?: { id: number }; id?: number }).run?.id ?? (run as { id: number }).id;
    await expectAudited(ws, () => api.send('incentives.payouts.approve', { runId }), { operation: 'incentives.payouts.approve' });
    await expectRolledBack(ws, () => api.send('incentives.payouts.calculate', { programCode: 'REB-2025-Q', period: '2025-Q1' }), ['payout_runs', 'payout_lines']);
    await expectAudited(ws, async () => api.send('incentives.payouts.calculate', { programCode: 'REB-2025-Q', period: '2025-Q1' }).catch(() => null), { operation: 'incentives.payouts.calculate', outcome: 'refused' });
  });
});
