import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outputPath } from '../../../electron/domain/exports/outputPath';
import { memoryApi, tempDir } from '../../helpers/workspace';

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

describe('exports never write over a file silently (issue 13, defect 9)', () => {
  it('refuses an existing file or folder by default, replaces when asked, or picks "name (2)" like a browser download', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const f = join(t.dir, 'programs.json');
    expect(outputPath(f)).toBe(f);
    writeFileSync(f, '[]');
    expect(() => outputPath(f)).toThrow(`${f} already exists`);
    expect(outputPath(f, 'replace')).toBe(f);
    expect(outputPath(f, 'rename')).toBe(join(t.dir, 'programs (2).json'));
    writeFileSync(join(t.dir, 'programs (2).json'), '[]');
    expect(outputPath(f, 'rename')).toBe(join(t.dir, 'programs (3).json'));
    // A folder export writes `<folder>.zip` beside it: the zip alone already takes the name.
    const dir = join(t.dir, 'REB_2025-Q1_run1');
    writeFileSync(`${dir}.zip`, 'zip');
    expect(() => outputPath(dir, 'refuse', true)).toThrow('already exists');
    mkdirSync(`${dir} (2)`);
    expect(outputPath(dir, 'rename', true)).toBe(`${dir} (3)`);
  });

  it('incentives.programs.export keeps the earlier file unless replacing was asked for', async () => {
    const { api, ws } = memoryApi();
    const t = tempDir();
    cleanup = () => {
      ws.close();
      t.cleanup();
    };
    const out = join(t.dir, 'programs.json');
    writeFileSync(out, 'earlier');
    await expect(api.send('incentives.programs.export', { out })).rejects.toMatchObject({ body: { code: 'CONFLICT', data: { reason: 'fileExists', params: { path: out } } } });
    expect((await api.send('incentives.programs.export', { out, onExists: 'rename' })).path).toBe(join(t.dir, 'programs (2).json'));
    expect((await api.send('incentives.programs.export', { out, onExists: 'replace' })).path).toBe(out);
  });
});
