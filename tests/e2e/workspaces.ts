import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * One workspace per e2e spec file. The demo workspace is generated once per run (globalSetup.ts, into
 * `<PWB_E2E_DIR>/template`); each spec file gets its own copy and its own browser-mode server on a free loopback
 * port, so what one spec creates never changes what another asserts, and the specs can run in any order.
 */
export const E2E_DIR = resolve(process.env.PWB_E2E_DIR ?? '.e2e');
export const TEMPLATE_DB = join(E2E_DIR, 'template', 'workspace.sqlite');
/** Pids of the servers started in this run (one a line), stopped by globalTeardown if a worker died before its teardown. */
export const PIDS_FILE = join(E2E_DIR, 'servers.pid');

/** What a spec starts from: the demo workspace (default) or a brand-new, empty one (the first-run experience). */
export type WorkspaceTemplate = 'demo' | 'empty';

export interface SpecServer {
  /** The spec file this server belongs to. */
  file: string;
  template: WorkspaceTemplate;
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** The spec's own folder: its workspace file and the bridge's files folder (uploads, exports). */
  dir: string;
  dbPath: string;
  filesDir: string;
  process: ChildProcess;
}

/** Folder name of a spec: its file name, and the template when a spec file uses more than one. */
function specDir(file: string, template: WorkspaceTemplate): string {
  return join(E2E_DIR, 'specs', `${basename(file).replace(/\.spec\.ts$/, '')}${template === 'demo' ? '' : `-${template}`}`);
}

/**
 * Starts the server of a spec file. The first start copies the template; a start after a worker restart (Playwright
 * starts a fresh worker after a failed test) reopens the copy the spec already changed, as one shared server would.
 */
export async function startSpecServer(file: string, template: WorkspaceTemplate, token: string): Promise<SpecServer> {
  const dir = specDir(file, template);
  const dbPath = join(dir, 'workspace.sqlite');
  const filesDir = join(dir, 'files');
  const fresh = !existsSync(dir);
  mkdirSync(filesDir, { recursive: true });
  if (fresh && template === 'demo') {
    if (!existsSync(TEMPLATE_DB)) throw new Error(`No demo workspace at ${TEMPLATE_DB}: run the e2e specs through playwright.config.ts (its globalSetup prepares it)`);
    copyFileSync(TEMPLATE_DB, dbPath);
  }
  // No evaluation scheduler: the demo's schedules would evaluate today's due periods at start-up, and the specs expect
  // only the runs they make themselves.
  const child = spawn(process.execPath, ['out/main/webServer.js', '--db', dbPath, '--files', filesDir, '--no-scheduler'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PWB_BRIDGE_TOKEN: token, PWB_SCHEDULER: 'off' },
  });
  writeFileSync(PIDS_FILE, `${child.pid}\n`, { flag: 'a' });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => {
    errors += d.toString();
    process.stderr.write(d);
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /open: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolveUrl(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the e2e server of ${basename(file)} exited with ${code}: ${errors}`)));
  });
  return { file, template, url, dir, dbPath, filesDir, process: child };
}

export async function stopSpecServer(server: SpecServer): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await exited;
  forgetServerPid(child.pid!);
}

function forgetServerPid(pid: number): void {
  writeFileSync(PIDS_FILE, recordedServerPids().filter((p) => p !== pid).map((p) => `${p}\n`).join(''));
}

/** Pids of this run's servers not stopped by their fixture. */
export function recordedServerPids(): number[] {
  if (!existsSync(PIDS_FILE)) return [];
  return readFileSync(PIDS_FILE, 'utf8').split('\n').filter(Boolean).map(Number);
}

/** Whether a pid is still one of this run's servers (a pid the system reused for another program is left alone). */
export function isOurServer(pid: number): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('webServer.js') && cmd.includes(E2E_DIR);
  } catch {
    return false;
  }
}
