/**
 * The child process of the crash tests (tests/unit/reliability/crash.test.ts): does one long write and gets
 * SIGKILLed somewhere in the middle. Prints READY just before the write starts and DONE after it finished.
 *   node --import tsx tests/crash/crashChild.ts <scenario> <workspace> [arg]
 * scenarios: bulk (one large transaction of our own), import (imports.run of a CSV = arg),
 *            payout (incentives.payouts.calculate, arg = programCode:period), migration (open with migrations folder = arg)
 */
import { openWorkspace } from '../../db/database';
import { backupBeforeMigration } from '../../electron/domain/backups/backupService';
import { createApi } from '../../electron/api/api';

const [scenario, dbPath, arg] = process.argv.slice(2);
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  if (scenario === 'migration') {
    say('READY');
    openWorkspace(dbPath, { migrationsFolder: arg, beforeMigrate: backupBeforeMigration(dbPath) }).close();
    say('DONE');
    return;
  }
  const ws = openWorkspace(dbPath);
  const api = createApi({ ws, user: 'crash-test' });
  say('READY');
  if (scenario === 'bulk') {
    const n = Number(arg);
    const ins = ws.sqlite.prepare("insert into settings (key, value, updated_at) values (?, ?, '2025-01-01')");
    ws.sqlite.transaction(() => {
      for (let i = 0; i < n; i++) ins.run(`bulk.k${String(i).padStart(7, '0')}`, JSON.stringify({ i, text: '数据'.repeat(20) }));
      ws.sqlite.prepare("insert into audit_log (at, user, operation, outcome) values ('2025-01-01', 'crash-test', 'bulk', 'ok')").run();
    })();
  } else if (scenario === 'import') {
    await api.send('imports.run', { kind: 'sales', path: arg });
  } else if (scenario === 'payout') {
    const [programCode, period] = arg.split(':');
    await api.send('incentives.payouts.calculate', { programCode, period });
  } else throw new Error(`unknown scenario ${scenario}`);
  ws.close();
  say('DONE');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
