/**
 * Child process for the concurrent-approval test: opens the workspace, says it is ready, waits for the start signal
 * (a file), approves one request and prints the outcome as JSON.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';

const [dbPath, requestId, readyFile, goFile] = process.argv.slice(2);
const ws = openWorkspace(dbPath);
const api = createApi({ ws, user: `child-${requestId}` });
writeFileSync(readyFile, 'ready');
while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
try {
  const r = await api.send('mdf.requests.approve', { requestId: Number(requestId) });
  process.stdout.write(JSON.stringify({ ok: true, status: r.status }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, code: ApiError.is(e) ? e.body.code : String(e) }));
} finally {
  ws.close();
}
