// `npm run package:win|mac`: builds the app, then runs electron-builder, fetched on demand (npx) rather than kept in
// devDependencies: its native-rebuild chain (@electron/rebuild, node-abi) requires Node 22.12+, which would make every
// `npm ci` on Node 20 print EBADENGINE warnings for a step that only packaging needs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const ELECTRON_BUILDER = 'electron-builder@26.17.0';
const require = createRequire(import.meta.url);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Packaging needs Node 22.12+ (electron-builder's native rebuild requires it); this is Node ${process.versions.node}.`);
  process.exit(1);
}
let electronVersion;
try {
  require('electron'); // throws when the binary was never downloaded
  electronVersion = require('electron/package.json').version;
} catch {
  console.error('Packaging needs the Electron binary: run `npm ci` on a machine that can download it (see README, Quick start).');
  process.exit(1);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['electron-vite', 'build']);
// electron is an optional dependency (see scripts/postinstall.mjs): name its version, since electron-builder looks in devDependencies.
run('npx', ['--yes', ELECTRON_BUILDER, `-c.electronVersion=${electronVersion}`, ...process.argv.slice(2)]);
