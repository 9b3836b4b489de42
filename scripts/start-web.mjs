// `npm run start:web`: build if needed, then serve the renderer and the contract on 127.0.0.1 for a plain browser.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
if (!existsSync('out/main/webServer.js') || !existsSync('out/renderer/index.html') || process.env.PWB_REBUILD === '1') {
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', env: { ...process.env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ['out/main/webServer.js', ...args], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
