import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { createOfficeRole, setupHqSchema } from '../../../electron/domain/hq/hqSchema';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';

let cluster: TestCluster;
const PW = 'office-password-3';

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await setupHqSchema(admin);
  await createOfficeRole(admin, 'office_west', PW, { reader: true });
  await admin.end();
}, 120_000);

afterAll(() => cluster?.stop());

describe('HQ through the contract (Settings → HQ)', () => {
  it('configures without a password in the workspace, publishes as a job with progress, shows the state and the overview', async () => {
    const w = fileWorkspace();
    const api = createApi({ ws: w.ws, user: 'tester' });
    try {
      const url = cluster.urlFor('office_west', PW);
      const bad = await api.send('hq.configure', { url, office: '西区' }).catch((e: { body: unknown }) => e.body);
      expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
      await expect(api.send('hq.publish', {})).rejects.toMatchObject({ body: { code: 'DOMAIN', data: { reason: 'NOT_CONFIGURED' } } });

      const keyFile = join(w.dir, 'hq.key');
      writeFileSync(keyFile, `${PW}\n`, { mode: 0o600 });
      const bare = url.replace(`:${PW}@`, '@');
      const configured = await api.send('hq.configure', { url: bare, office: '西区', passwordFile: keyFile });
      expect(configured).toMatchObject({ url: bare, officeName: '西区', passwordFile: keyFile });
      const stored = JSON.stringify(w.ws.sqlite.prepare('SELECT * FROM settings').all());
      expect(stored).not.toContain(PW);

      await api.send('partners.create', partnerInput('W-1'));
      const p = w.ws.sqlite.prepare("SELECT id FROM partners WHERE code = 'W-1'").get() as { id: number };
      w.ws.sqlite.prepare("INSERT INTO sales_lines (partner_id, date, order_ref, amount_minor, dedupe_key) VALUES (?, '2025-05-02', 'O1', 4200, 'k1')").run(p.id);
      const before = (await api.send('hq.status', {})).pending;
      expect(before).toBeGreaterThanOrEqual(2);
      const phases: string[] = [];
      const r = await api.send('hq.publish', {}, { onProgress: (pr) => phases.push(`${pr.phase}:${pr.done}/${pr.total}`) });
      expect(r).toMatchObject({ office: '西区', changes: before });
      expect(phases.at(-1)).toBe(`publish:${before}/${before}`);
      const after = await api.send('hq.status', {});
      expect(after).toMatchObject({ pending: 0, lastError: null });
      expect(after.lastSuccessAt).not.toBeNull();

      const dash = await api.send('hq.dashboard', { period: '2025-Q2' });
      expect(dash.revenueByOffice).toEqual([{ office: '西区', revenueMinor: 4200, partners: 1 }]);
      expect(dash.top.map((x) => x.partnerCode)).toEqual(['W-1']);
      // Territories are published with the partners, so HQ reports revenue by the office's own territory names.
      expect(dash.revenueByTerritory).toEqual([{ office: '西区', territory: '华东', revenueMinor: 4200 }]);

      // Offline: the error is recorded for Settings and nothing is lost.
      await api.send('hq.configure', { url: 'postgres://office_west@127.0.0.1:1/pwb_hq', office: '西区', passwordFile: keyFile });
      await api.send('partners.create', partnerInput('W-2'));
      await expect(api.send('hq.publish', {})).rejects.toMatchObject({ body: { data: { reason: 'OFFLINE' } } });
      const offline = await api.send('hq.status', {});
      expect(offline.pending).toBeGreaterThan(0);
      expect(offline.lastError).toMatch(/cannot be reached/);
      // Clearing the connection removes it.
      expect(await api.send('hq.configure', { url: null, office: '西区', passwordFile: null })).toMatchObject({ url: null, passwordFile: null });
    } finally {
      w.cleanup();
    }
  }, 120_000);
});
