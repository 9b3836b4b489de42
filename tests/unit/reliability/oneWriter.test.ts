import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/**
 * One writer at a time without errors: while a large import holds the write lock, edits from the same app (same
 * connection) and from another connection (the CLI, the app's main thread while the import runs in a worker) wait for
 * it and land, instead of failing with "database is locked".
 */
describe('edits during a large import', () => {
  it('every partner edit made throughout the import lands, from the same connection and from another one', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const app = createApi({ ws: f.ws, user: 'app' });
    const ids: number[] = [];
    for (let p = 1; p <= 20; p++) ids.push((await app.send('partners.create', partnerInput(`P${String(p).padStart(3, '0')}`))).id);
    const csv = join(f.dir, 'sales.csv');
    const lines = ['Partner Code,Order Date,Order ID,Line ID,Amount'];
    for (let i = 0; i < 120_000; i++) lines.push(`P${String((i % 20) + 1).padStart(3, '0')},2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},SO${i},L${i},${(i % 997) + 0.25}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);

    const other = openWorkspace(f.path);
    cleanups.push(() => other.close());
    const cli = createApi({ ws: other, user: 'cli' });

    let importing = true;
    const phases: string[] = [];
    const run = app.send('imports.run', { kind: 'sales', path: csv }, { onProgress: (p) => phases.push(p.phase) }).finally(() => (importing = false));
    const edits: Array<Promise<unknown>> = [];
    const expected = new Map<number, string>();
    let n = 0;
    let duringImport = 0;
    while (importing) {
      const id = ids[n % ids.length];
      const name = `改名 ${n}`;
      expected.set(id, name);
      if (phases.includes('import')) duringImport++;
      edits.push((n % 2 ? cli : app).send('partners.update', { id, patch: { name } }).then(() => null, (e: Error) => e.message));
      n++;
      await new Promise((r) => setTimeout(r, 15));
    }
    const result = await run;
    const failures = (await Promise.all(edits)).filter((e) => e !== null);
    expect(failures).toEqual([]);
    expect(result.rowsRead).toBe(120_000);
    expect(f.ws.sqlite.prepare('select count(*) from sales_lines').pluck().get()).toBe(120_000);
    expect(duringImport).toBeGreaterThan(4);
    for (const [id, name] of expected) expect((await app.send('partners.get', { id })).name).toBe(name);
    const audited = f.ws.sqlite.prepare("select count(*) from audit_log where operation = 'partners.update'").pluck().get();
    expect(audited).toBe(n);
  }, 120_000);

  it('edits made while the import reads its file land at once, before the import writes, and the import sees them', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const app = createApi({ ws: f.ws, user: 'app' });
    const id = (await app.send('partners.create', partnerInput('P001'))).id;
    const csv = join(f.dir, 'sales.csv');
    // The file's last rows name a partner that does not exist yet: it is created while the file is being read.
    const lines = ['Partner Code,Order Date,Order ID,Line ID,Amount'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i < 59_000 ? 'P001' : 'P002'},2025-03-01,SO${i},L${i},${(i % 997) + 0.5}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const other = openWorkspace(f.path);
    cleanups.push(() => other.close());
    const cli = createApi({ ws: other, user: 'cli' });

    const events: string[] = [];
    let edits: Promise<unknown> | null = null;
    const result = await app.send('imports.run', { kind: 'sales', path: csv }, {
      onProgress: (p) => {
        if (events[events.length - 1] !== `phase:${p.phase}`) events.push(`phase:${p.phase}`);
        if (p.phase === 'import' && !edits) {
          edits = Promise.all([
            app.send('partners.update', { id, patch: { name: '改名 同一连接' } }).then(() => events.push('landed:app')),
            cli.send('partners.create', partnerInput('P002')).then(() => events.push('landed:cli')),
          ]);
        }
      },
    });
    await edits;
    // Both edits landed while the file was still being read, before the import took the write lock to save its rows.
    const save = events.indexOf('phase:save');
    expect(save).toBeGreaterThan(0);
    expect(events.indexOf('landed:app')).toBeGreaterThan(events.indexOf('phase:import'));
    expect(events.indexOf('landed:app')).toBeLessThan(save);
    expect(events.indexOf('landed:cli')).toBeLessThan(save);
    // The rows were checked against the workspace as it was when they were saved: P002 exists by then.
    expect(result.rejected).toBe(0);
    expect(result.inserted).toBe(60_000);
    expect(f.ws.sqlite.prepare(`select count(*) from sales_lines s join partners p on p.id = s.partner_id where p.code = 'P002'`).pluck().get()).toBe(1000);
    expect((await app.send('partners.get', { id })).name).toBe('改名 同一连接');
  }, 120_000);
});
