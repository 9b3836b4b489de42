// `npm start`: the desktop app when an Electron binary is installed, else the same app in the browser (start:web).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  electronBinary = require('electron'); // the path of the binary, or throws when it was never downloaded
} catch {
  electronBinary = null;
}
const args = process.argv.slice(2);
if (electronBinary) {
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const child = spawn(electronBinary, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('No Electron binary is installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); starting the browser mode instead.');
  const child = spawn('node', ['scripts/start-web.mjs', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
