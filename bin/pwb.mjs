#!/usr/bin/env node
// `pwb` from the bin entry: the built CLI (out/main/pwb.js) if present, else the sources through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../out/main/pwb.js', import.meta.url));
if (existsSync(built)) {
  await import(new URL('../out/main/pwb.js', import.meta.url).href);
} else {
  const source = fileURLToPath(new URL('../electron/cli/pwb.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
