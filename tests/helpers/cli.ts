import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the `pwb` CLI from the sources (as `npm run pwb` does) and returns exit code, stdout and stderr. */
/** `env` entries set to undefined are removed from the child's environment (e.g. PGPASSWORD, which libpq reads even when empty). */
export function pwb(args: string[], env: Record<string, string | undefined> = {}): { code: number; stdout: string; stderr: string; json: <T = unknown>() => T } {
  const merged: Record<string, string | undefined> = { ...process.env, PWB_USER: 'cli-test', ...env };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/pwb.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: <T>() => JSON.parse(r.stdout) as T };
}
