// Runs after `npm ci` / `npm install`. Electron is an optional dependency: where its binary cannot be downloaded (no route to
// GitHub, a proxy that blocks it) its own install script fails and npm — as it does for any optional dependency whose install
// script fails — removes the package and carries on. The app's main-process code still needs the package (its TypeScript types,
// `require('electron')` in scripts/start.mjs), so it is put back here without the binary; `npm start` then opens browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
// The nested install below runs this script again; it must not recurse.
if (process.env.PWB_POSTINSTALL_NESTED) process.exit(0);

if (existsSync(path.join(electronDir, 'package.json'))) {
  const hasBinary = existsSync(path.join(electronDir, 'path.txt'));
  if (!hasBinary) console.log('postinstall: Electron is installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD): `npm start` opens browser mode.');
  process.exit(0);
}

const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const version = lock.packages?.['node_modules/electron']?.version;
if (!version) {
  console.warn('postinstall: package-lock.json names no electron version; Electron was not installed.');
  process.exit(0);
}
console.log(
  `postinstall: the Electron ${version} binary could not be downloaded, so npm left Electron out. Installing the electron package ` +
    'without its binary (for its types); `npm start` will open browser mode. Where the download works, `npm ci` installs the desktop app.',
);
// npm's own CLI, run by the same Node (works on Windows without a shell). --no-save: package.json and the lock stay as they are.
const npmCli = process.env.npm_execpath;
const cmd = npmCli ? process.execPath : process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = [...(npmCli ? [npmCli] : []), 'install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `electron@${version}`];
const r = spawnSync(cmd, args, {
  cwd: root,
  stdio: 'inherit',
  shell: !npmCli && process.platform === 'win32',
  env: { ...process.env, PWB_POSTINSTALL_NESTED: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
});
// Never fail the install over this: browser mode and the tests do not need the binary.
if (r.status !== 0) console.warn('postinstall: could not put the electron package back; typecheck of the main process will fail until `npm install` succeeds.');
