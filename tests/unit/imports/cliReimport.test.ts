import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';
import { writeFile } from './importFixtures';

const tmp = tempDir('pwb-import-cli-');
afterAll(() => tmp.cleanup());

describe('pwb import: the same file again', () => {
  it('is refused (exit 1, naming the earlier import) unless --replace ID or --force', async () => {
    const db = join(tmp.dir, 'ws.sqlite');
    const ws = openWorkspace(db);
    await createApi({ ws, user: 'tester' }).send('partners.create', partnerInput('P001'));
    ws.close();
    const file = writeFile(tmp.dir, 's.csv', 'Partner Code,Date,Sales,Cost\r\nP001,2024-03-01,100.00,NULL\r\nP001,2024-03-02,50.00,20\r\n');
    const first = pwb(['import', 'sales', file, '--db', db, '--json']);
    expect(first.code).toBe(0);
    const id = first.json<{ importId: number }>().importId;
    const again = pwb(['import', 'sales', file, '--db', db, '--json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`s.csv was already imported: import ${id} (s.csv,`);
    const replaced = pwb(['import', 'sales', file, '--db', db, '--replace', String(id), '--json']);
    expect(replaced.code).toBe(0);
    expect(replaced.json()).toMatchObject({ replaced: id, inserted: 2, duplicates: 0 });
    const forced = pwb(['import', 'sales', file, '--db', db, '--force', '--json']);
    expect(forced.json()).toMatchObject({ inserted: 0, duplicates: 2 });
    const check = openWorkspace(db);
    expect(check.sqlite.prepare('select sum(amount_minor) as t, count(cost_minor) as c from sales_lines').get()).toEqual({ t: 15000, c: 1 });
    check.close();
  });
});
