import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readKey } from '../../db/encryption';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/database';
import { pendingMigration, upgradeNotice } from '../../db/upgradeNotice';
import { createApi } from '../api/api';
import { defaultWorkspacePath } from '../cli/runtime';
import { openAppWorkspace, startDailyBackup, startFullCheck } from '../domain/backups/openAppWorkspace';
import { startEvaluationTimer } from '../jobs/evaluationTimer';
import { startMdfExpiryTimer } from '../jobs/mdfExpiryTimer';
import { startHqPublishTimer } from '../jobs/hqPublishTimer';
import { workerExecutor } from '../jobs/workerExecutor';
import { startBridge } from './httpBridge';

/** `npm run start:web`: serves the built renderer and the contract on 127.0.0.1 for a plain browser. */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    static: { type: 'string' },
    files: { type: 'string' },
    // Scheduled evaluations run here as in the app; `--no-scheduler` (or PWB_SCHEDULER=off) leaves them to someone else.
    'no-scheduler': { type: 'boolean' },
    // An encrypted workspace: the passphrase from a file (or PWB_KEY).
    'key-file': { type: 'string' },
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const dbPath = resolve(values.db ?? process.env.PWB_DB ?? defaultWorkspacePath());
let ws: ReturnType<typeof openAppWorkspace>;
// The first open by a newer app backs the file up and migrates it before the server listens: minutes on a big workspace.
const pending = pendingMigration(dbPath, schemaVersionOf(defaultMigrationsFolder()));
if (pending) process.stderr.write(`${upgradeNotice(pending, 'zh-CN')}\n${upgradeNotice(pending, 'en')}\n`);
try {
  ws = openAppWorkspace(dbPath, 'Partner Workbench (browser mode)', readKey({ keyFile: values['key-file'] }));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
// The full check first: a damaged workspace takes no daily backup (and refuses changes).
void startFullCheck(ws).then(() => startDailyBackup(ws));
const workerFile = join(here, 'jobWorker.js');
// One thread per job, a spare one started ahead (as in the app), closed before the workspace when the server stops.
const jobs = existsSync(workerFile) ? workerExecutor(workerFile, dbPath, ws.key, undefined, { spareAfterMs: 3_000 }) : undefined;
const api = createApi({ ws, executor: jobs });
// Uploads and downloads live in a folder only this user can enter (mkdtemp: 0700), removed when the server stops.
const ownFilesDir = values.files ? null : mkdtempSync(join(tmpdir(), 'pwb-files-'));
const bridge = await startBridge({
  api,
  staticDir: values.static ?? join(here, '..', 'renderer'),
  filesDir: values.files ?? ownFilesDir!,
  port: values.port ? Number(values.port) : Number(process.env.PWB_PORT ?? 0),
  token: process.env.PWB_BRIDGE_TOKEN || undefined,
});
// The token is in the address's fragment, printed only to the user who started the server.
process.stdout.write(`Partner Workbench (browser mode)\n  workspace: ${dbPath}\n  open: ${bridge.url}#pwb-token=${bridge.token}\n`);
const scheduler = values['no-scheduler'] || process.env.PWB_SCHEDULER === 'off' ? null : startEvaluationTimer(api);
const hqTimer = values['no-scheduler'] || process.env.PWB_SCHEDULER === 'off' ? null : startHqPublishTimer(api);
const mdfTimer = values['no-scheduler'] || process.env.PWB_SCHEDULER === 'off' ? null : startMdfExpiryTimer(api);

const stop = async () => {
  scheduler?.stop();
  hqTimer?.stop();
  mdfTimer?.stop();
  await bridge.close();
  await jobs?.close();
  ws.close();
  if (ownFilesDir) rmSync(ownFilesDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
