import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-cli-');
afterAll(() => tmp.cleanup());

describe('pwb CLI', () => {
  const db = join(tmp.dir, 'ws.sqlite');

  it('--version prints the package version, the fast path and the full program alike', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(pwb(['--version']).stdout).toBe(`${version}\n`);
    // with another argument the full program answers (commander's own --version)
    expect(pwb(['--version', '--db', db]).stdout).toBe(`${version}\n`);
  });

  it('init creates a workspace and check reports it healthy', () => {
    const init = pwb(['init', '--db', db, '--json']);
    expect(init.code).toBe(0);
    expect(init.json<{ path: string; schemaVersion: number }>().schemaVersion).toBeGreaterThan(0);
    const check = pwb(['check', '--db', db, '--json']);
    expect(check.code).toBe(0);
    const report = check.json<{ ok: boolean; integrity: string[]; counts: Record<string, number> }>();
    expect(report.ok).toBe(true);
    expect(report.integrity).toEqual(['ok']);
    expect(report.counts.partners).toBe(0);
  });

  it('backs up online and refuses to overwrite', () => {
    const out = join(tmp.dir, 'backup.sqlite');
    const r = pwb(['backup', '--db', db, '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(pwb(['check', '--db', out, '--json']).json<{ ok: boolean }>().ok).toBe(true);
    const again = pwb(['backup', '--db', db, '--out', out, '--json']);
    expect(again.code).not.toBe(0);
    expect(JSON.parse(again.stderr).error.message).toMatch(/already exists/);
  });

  it('lists partners as JSON and fails with a non-zero exit and a message on bad input', () => {
    const list = pwb(['partners', 'list', '--db', db, '--json']);
    expect(list.code).toBe(0);
    expect(list.json()).toEqual([]);
    const bad = pwb(['partners', 'list', '--db', db, '--tier', 'gold']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('tiers #1 must be one of: strategic, tier1, tier2, tier3');
    expect(bad.stderr).not.toMatch(/Invalid option|tiers\.0/);
    expect(bad.stdout).toBe('');
    const unknown = pwb(['frobnicate']);
    expect(unknown.code).not.toBe(0);
  });

  it('counts in English take the singular for one: 1 row read, 2 rows read, 1 row removed, 1 duplicate', async () => {
    const counted = join(tmp.dir, 'counted.sqlite');
    const ws = openWorkspace(counted);
    await createApi({ ws, user: 'tester' }).send('partners.create', partnerInput('P001'));
    ws.close();
    const csv = (name: string, days: string[]) => {
      const file = join(tmp.dir, name);
      writeFileSync(file, ['Partner Code,Date,Sales', ...days.map((d) => `P001,${d},100.00`)].join('\r\n'));
      return file;
    };
    const en = (...args: string[]) => pwb([...args, '--db', counted, '--lang', 'en']);
    const one = en('import', 'sales', csv('one.csv', ['2025-03-01']));
    expect(one.stdout).toMatch(/^Import 1 \(Sales lines, one\.csv\): 1 row read, 1 inserted, 0 updated, 0 duplicates, 0 rejected in [\d.]+ s$/m);
    const two = en('import', 'sales', csv('two.csv', ['2025-03-01', '2025-03-02']));
    expect(two.stdout).toMatch(/: 2 rows read, 1 inserted, 0 updated, 1 duplicate, 0 rejected in /);
    expect(en('imports', 'undo', '2').stdout.trim()).toBe('Import 2 undone: 1 row removed, 0 restored');
    expect(en('imports', 'undo', '1').stdout.trim()).toBe('Import 1 undone: 1 row removed, 0 restored');
    expect(en('imports', 'list').stdout.trimEnd().split('\n').at(-1)).toBe('2 imports');
    expect(en('partners', 'list').stdout.trimEnd().split('\n').at(-1)).toBe('1 partner');
  });
});
