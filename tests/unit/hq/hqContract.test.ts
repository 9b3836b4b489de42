import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { createHqPasswordVault, installHqPasswordVault, memoryPasswordVault } from '../../../electron/domain/hq/hqPasswordVault';
import { hqWorkerSecrets } from '../../../electron/domain/hq/hqSettings';
import { pwb } from '../../helpers/cli';
import { errorText } from '../../../shared/errorMessages';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';

const PW = 'office-password-3';

const server = useHqServer({ password: PW, roles: [{ role: 'office_west', reader: true }] });

describe('HQ through the contract (Settings → HQ)', () => {
  it('configures without a password in the workspace, publishes as a job with progress, shows the state and the overview', async () => {
    const w = fileWorkspace();
    const api = createApi({ ws: w.ws, user: 'tester' });
    try {
      const url = server.url('office_west');
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
      expect(offline.lastError).toMatchObject({ reason: 'OFFLINE', message: expect.stringMatching(/cannot be reached/) });
      // Clearing the connection removes it.
      expect(await api.send('hq.configure', { url: null, office: '西区', passwordFile: null })).toMatchObject({ url: null, passwordFile: null });
    } finally {
      w.cleanup();
    }
  }, 120_000);

  it('the app connects with the password kept by the OS keychain (safeStorage vault), in the job worker as in the main process', async () => {
    const w = fileWorkspace();
    try {
      const api = createApi({ ws: w.ws, user: 'tester' });
      const bare = server.url('office_west').replace(`:${PW}@`, '@');
      await api.send('hq.configure', { url: bare, office: '西区' });
      await api.send('partners.create', partnerInput('K-1'));
      // No key file, no PGPASSWORD: refused at login, nothing lost.
      const saved = process.env.PGPASSWORD;
      delete process.env.PGPASSWORD;
      try {
        await expect(api.send('hq.publish', {})).rejects.toMatchObject({ body: { data: { reason: 'LOGIN' } } });
        const safe = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(), decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8') };
        installHqPasswordVault(createHqPasswordVault(safe, join(w.dir, 'hq-passwords.json')));
        await api.send('hq.savePassword', { password: PW });
        expect(await api.send('hq.publish', {})).toMatchObject({ office: '西区', changes: expect.any(Number) });
        expect((await api.send('hq.dashboard', { period: '2025-Q2' })).period).toBe('2025-Q2');
        // The worker thread gets the password from the main process in memory (hqWorkerSecrets), not from the workspace.
        await api.send('partners.create', partnerInput('K-2'));
        installHqPasswordVault(memoryPasswordVault(hqWorkerSecrets(w.ws).hqPassword!));
        expect(await api.send('hq.publish', {})).toMatchObject({ changes: expect.any(Number) });
        expect((await api.send('hq.status', {})).pending).toBe(0);
      } finally {
        installHqPasswordVault(null);
        if (saved !== undefined) process.env.PGPASSWORD = saved;
      }
    } finally {
      w.cleanup();
    }
  }, 120_000);

  it('CLI password sources: PGPASSWORD, ~/.pgpass (PGPASSFILE), a key file (refused when others can read it); never in the workspace', async () => {
    const w = fileWorkspace();
    try {
      const api = createApi({ ws: w.ws, user: 't' });
      await api.send('partners.create', partnerInput('CLI-P'));
      const bare = server.url('office_west').replace(`:${PW}@`, '@');
      const base = ['hq', 'publish', '--db', w.path, '--hq', bare, '--office', '西区', '--json'];
      const none = { PGPASSWORD: undefined, PGPASSFILE: join(w.dir, 'missing') };
      const refused = pwb(base, none);
      expect(JSON.parse(refused.stderr).error).toMatchObject({ data: { reason: 'LOGIN' } });

      const pgpass = join(w.dir, 'pgpass');
      writeFileSync(pgpass, `127.0.0.1:${server.cluster.port}:pwb_hq:office_west:${PW}\n`, { mode: 0o600 });
      const viaPgpass = pwb(base, { PGPASSWORD: undefined, PGPASSFILE: pgpass });
      expect(viaPgpass.code, viaPgpass.stderr).toBe(0);
      expect(viaPgpass.json()).toMatchObject({ office: '西区' });

      await api.send('partners.create', partnerInput('CLI-Q'));
      const keyFile = join(w.dir, 'hq.key');
      writeFileSync(keyFile, `${PW}\n`, { mode: 0o644 });
      chmodSync(keyFile, 0o644);
      const open = pwb([...base, '--password-file', keyFile], { ...none, PWB_LANG: 'zh-CN' });
      expect(open.code).not.toBe(0);
      expect(JSON.parse(open.stderr).error).toMatchObject({ data: { reason: 'hq.passwordFileOpen', params: { mode: '644' } } });
      expect(errorText(JSON.parse(open.stderr).error, 'zh-CN')).toMatch(/其他用户也能读取（权限 644）/);
      chmodSync(keyFile, 0o600);
      const viaKey = pwb([...base, '--password-file', keyFile], none);
      expect(viaKey.code, viaKey.stderr).toBe(0);
      expect(viaKey.json()).toMatchObject({ changes: expect.any(Number) });

      await api.send('partners.create', partnerInput('CLI-R'));
      const viaEnv = pwb(base, { PGPASSWORD: PW, PGPASSFILE: join(w.dir, 'missing') });
      expect(viaEnv.code, viaEnv.stderr).toBe(0);
      w.ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(w.path).includes(Buffer.from(PW))).toBe(false);
    } finally {
      w.cleanup();
    }
  }, 300_000);
});
