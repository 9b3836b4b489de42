import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../../db/database';
import { jobHandler } from '../api/api';
import { createOpContext } from '../domain/opContext';
import { toApiError } from '../api/errors';
import { CancelToken } from '../../shared/cancel';
import { throttleProgress } from './runner';
import { installHqPasswordVault, memoryPasswordVault } from '../domain/hq/hqPasswordVault';

/** One job in a worker thread with its own connection to the workspace (WAL lets the main thread keep reading). */
interface WorkerInput {
  dbPath: string;
  op: string;
  input: unknown;
  user: string;
  cancel: SharedArrayBuffer;
  key?: string;
  /** From the main process: the HQ password out of the OS keychain, for 'hq.publish'. */
  secrets?: { hqPassword?: string };
}

const { dbPath, op, input, user, cancel, key, secrets } = workerData as WorkerInput;
if (secrets?.hqPassword !== undefined) installHqPasswordVault(memoryPasswordVault(secrets.hqPassword));
const port = parentPort!;
const ws = openWorkspace(dbPath, { key });
try {
  const fn = jobHandler(op);
  if (!fn) throw new Error(`No job handler for ${op}`);
  const progress = throttleProgress((p) => port.postMessage({ type: 'progress', progress: p }));
  const result = await fn(createOpContext({ operation: op, ws, user, cancel: new CancelToken(cancel), progress }), input);
  port.postMessage({ type: 'done', result });
} catch (e) {
  port.postMessage({ type: 'failed', error: toApiError(op, e, dbPath) });
} finally {
  ws.close();
}
