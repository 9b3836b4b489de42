import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApi } from '../api/api';
import { defaultWorkspacePath } from '../cli/runtime';
import { openAppWorkspace, startDailyBackup } from '../domain/backups/openAppWorkspace';
import { startEvaluationTimer } from '../jobs/evaluationTimer';
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
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const dbPath = resolve(values.db ?? process.env.PWB_DB ?? defaultWorkspacePath());
const ws = openAppWorkspace(dbPath);
void startDailyBackup(ws);
const workerFile = join(here, 'jobWorker.js');
const api = createApi({ ws, executor: existsSync(workerFile) ? workerExecutor(workerFile, dbPath) : undefined });
const bridge = await startBridge({
  api,
  staticDir: values.static ?? join(here, '..', 'renderer'),
  filesDir: values.files ?? join(tmpdir(), `pwb-files-${process.pid}`),
  port: values.port ? Number(values.port) : Number(process.env.PWB_PORT ?? 0),
});
process.stdout.write(`Partner Workbench (browser mode)\n  workspace: ${dbPath}\n  open: ${bridge.url}\n`);
const scheduler = values['no-scheduler'] || process.env.PWB_SCHEDULER === 'off' ? null : startEvaluationTimer(api);

const stop = async () => {
  scheduler?.stop();
  await bridge.close();
  ws.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
