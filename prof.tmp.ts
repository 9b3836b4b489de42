import { copyFileSync } from 'node:fs';
import { openWorkspace } from '/work/wt/plans/db/database';
import { createApi } from '/work/wt/plans/electron/api/api';
import { DEMO_COMPANY_PROFILE } from '/work/wt/plans/electron/domain/demo/demoCompany';
copyFileSync('/work/wt/plans/.bench/payouts-10000-1200000.sqlite', '/tmp/plans/ws.sqlite');
const ws = openWorkspace('/tmp/plans/ws.sqlite');
const api = createApi({ ws, user: 'bench' });
for (const [key, value] of Object.entries(DEMO_COMPANY_PROFILE)) await api.send('settings.set', { key, value });
await api.send('programs.save', { definition: { code: 'BENCH-REB', name: 'x', type: 'tiered_rebate', periodKind: 'quarter', validFrom: '2025-01-01', validTo: '2025-12-31', tiering: 'marginal',
  tiers: [{ from: 0, rate: 0 }, { from: 100000, rate: 0.01 }, { from: 500000, rate: 0.02 }, { from: 1000000, rate: 0.03 }], eligibility: { statuses: ['active'] } } });
ws.sqlite.prepare('select count(*), sum(amount_minor) from sales_lines').get();
for (let i = 0; i < Number(process.env.N ?? 3); i++) {
  const t = performance.now(); const c0 = process.cpuUsage();
  await api.send('payouts.calculate', { programCode: 'BENCH-REB', period: '2025-Q1' });
  const c = process.cpuUsage(c0);
  console.log(((performance.now() - t) / 1000).toFixed(3), 'cpu', ((c.user + c.system) / 1e6).toFixed(3));
}
ws.close();
