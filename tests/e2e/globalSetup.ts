import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { E2E_DIR, TEMPLATE_DB } from './workspaces';

/**
 * Once per run: a fresh demo workspace (scale 0.2: ~60 partners, quick to generate) that every spec file copies
 * (tests/e2e/workspaces.ts). The build must exist: the specs run the built renderer and server.
 */
export default function globalSetup(): void {
  for (const f of ['out/main/webServer.js', 'out/main/pwb.js', 'out/renderer/index.html']) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e specs`);
  }
  rmSync(E2E_DIR, { recursive: true, force: true });
  mkdirSync(dirname(TEMPLATE_DB), { recursive: true });
  execFileSync(process.execPath, ['out/main/pwb.js', 'init', '--db', TEMPLATE_DB, '--demo', '--scale', '0.2'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
