import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pwb-lazy-pg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs tests/helpers/openWithoutHq.ts with every load of `pg` turned into an error (tests/helpers/forbidPg.mjs). */
function open(name: string, mode?: string) {
  const args = ['--import', 'tsx', '--import', join(ROOT, 'tests/helpers/forbidPg.mjs'), join(ROOT, 'tests/helpers/openWithoutHq.ts'), join(dir, `${name}.sqlite`)];
  if (mode) args.push(mode);
  const { PGPASSWORD: _omit, ...env } = process.env;
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...env, PGPASSWORD: 'unused' }, timeout: 120_000 });
}

describe('start-up does not load the PostgreSQL driver', () => {
  it('a workspace opening without HQ configured (handlers, CLI commands, hq.status) never requires pg', () => {
    const r = open('plain');
    expect(r.stderr).not.toContain('PG_LOADED');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({ url: null, workspaceId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('the guard does catch pg: asking for the HQ overview loads it on first use', () => {
    const r = open('dashboard', '--dashboard');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('PG_LOADED');
  });
});
