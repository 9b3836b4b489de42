// Opens a new workspace as the app and the CLI do at start-up — the contract's handlers, the CLI's commands,
// the HQ status — and, with `--dashboard`, asks for the HQ overview (which has to load pg). Run under
// tests/helpers/forbidPg.mjs by tests/unit/hq/lazyPg.test.ts.
import { createApi } from '../../electron/api/api';
import { buildProgram } from '../../electron/cli/program';
import { openWorkspace } from '../../db/database';

const [path, mode] = process.argv.slice(2);
const ws = openWorkspace(path);
try {
  buildProgram('0.0.0');
  const api = createApi({ ws, user: 'start-up' });
  const status = (await api.send('hq.status', {})) as { url: string | null; workspaceId: string };
  await api.send('partners.list', {});
  if (mode === '--dashboard') {
    await api.send('hq.configure', { url: 'postgres://office_x@127.0.0.1:1/pwb_hq', office: '测试办事处' });
    await api.send('hq.dashboard', { period: '2025-Q1' });
  }
  process.stdout.write(`${JSON.stringify({ url: status.url, workspaceId: status.workspaceId })}\n`);
} finally {
  ws.close();
}
