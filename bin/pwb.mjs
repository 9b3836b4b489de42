#!/usr/bin/env node
// `pwb` from the bin entry: the built CLI (out/main/pwb.js, made by `npm run build`). Without a build it falls back to
// the sources through tsx, which compiles TypeScript on every call (~1.5 s slower) — and says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/main/pwb.js', import.meta.url);
if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  process.stderr.write('pwb: no build found (out/main/pwb.js) — running from the sources through tsx, which is slower; run `npm run build` once.\n');
  const source = fileURLToPath(new URL('../electron/cli/pwb.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
