import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { createHqPasswordVault, installHqPasswordVault, type SafeStorageLike } from '../../../electron/domain/hq/hqPasswordVault';
import { configuredConnection, hqWorkerSecrets } from '../../../electron/domain/hq/hqSettings';
import { readIdentity } from '../../../electron/domain/hq/workspaceIdentity';
import { errorText } from '../../../shared/errorMessages';
import { fileWorkspace, tempDir } from '../../helpers/workspace';

/** A stand-in for Electron's safeStorage: a per-"account" key, so another account's blob does not decrypt. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; account?: number } = {}): SafeStorageLike & { calls: number } {
  const key = opts.account ?? 7;
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ ((key + i * 31) & 0xff)));
  return {
    calls: 0,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      this.calls++;
      return Buffer.concat([Buffer.from(`v${key}:`), xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString(enc) {
      const head = `v${key}:`;
      if (enc.subarray(0, head.length).toString() !== head) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(enc.subarray(head.length)).toString('utf8');
    },
  };
}

const SECRET = '总部-pässwörd-42';
const URL_EAST = 'postgres://office_east@hq.example.com:5433/pwb_hq?sslmode=verify-full';

afterEach(() => installHqPasswordVault(null));

describe('HQ password in the OS keychain (safeStorage vault)', () => {
  it('keeps the password encrypted in a 0600 file outside the workspace, per workspace, role and server', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'user-data', 'hq-passwords.json');
      const vault = createHqPasswordVault(fakeSafeStorage(), file);
      const key = { workspaceId: 'ws-1', url: URL_EAST };
      expect(vault.available()).toBe(true);
      expect(vault.read(key)).toBeUndefined();
      vault.save(key, SECRET);
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('pässwörd');
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(vault.read(key)).toBe(SECRET);
      // Another sslmode is the same role on the same server; another role, server or workspace is not.
      expect(vault.read({ workspaceId: 'ws-1', url: 'postgres://office_east@hq.example.com:5433/pwb_hq' })).toBe(SECRET);
      expect(vault.read({ workspaceId: 'ws-1', url: 'postgres://office_north@hq.example.com:5433/pwb_hq' })).toBeUndefined();
      expect(vault.read({ workspaceId: 'ws-1', url: 'postgres://office_east@hq.example.com/pwb_hq' })).toBeUndefined();
      expect(vault.read({ workspaceId: 'ws-2', url: URL_EAST })).toBeUndefined();
      // Encrypted under another OS account (or a reset keychain): as if none were kept.
      expect(createHqPasswordVault(fakeSafeStorage({ account: 9 }), file).read(key)).toBeUndefined();
      expect(vault.forget(key)).toBe(true);
      expect(vault.read(key)).toBeUndefined();
      expect(vault.forget(key)).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses to keep a password without a real keychain (none, or Linux basic_text), in words', () => {
    const tmp = tempDir();
    try {
      for (const safe of [null, fakeSafeStorage({ available: false }), fakeSafeStorage({ backend: 'basic_text' })]) {
        const vault = createHqPasswordVault(safe, join(tmp.dir, 'v.json'));
        expect(vault.available()).toBe(false);
        let err: unknown;
        try {
          vault.save({ workspaceId: 'w', url: URL_EAST }, SECRET);
        } catch (e) {
          err = e;
        }
        expect(err).toMatchObject({ data: { reason: 'hq.keychainUnavailable' } });
        expect(errorText(err as { message: string; data: unknown }, 'zh-CN')).toMatch(/无法使用系统钥匙串/);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('through the contract: saved without a trace in the workspace, used to connect, handed to the job worker, forgotten', async () => {
    const w = fileWorkspace();
    const safe = fakeSafeStorage();
    try {
      const api = createApi({ ws: w.ws, user: 'tester' });
      // Browser mode: no vault installed; the refusal says so.
      await api.send('hq.configure', { url: URL_EAST, office: '华东大区' });
      await expect(api.send('hq.savePassword', { password: SECRET })).rejects.toMatchObject({ body: { data: { reason: 'hq.keychainUnavailable' } } });
      expect(await api.send('hq.status', {})).toMatchObject({ keychain: 'unavailable', passwordInKeychain: false });

      installHqPasswordVault(createHqPasswordVault(safe, join(w.dir, 'hq-passwords.json')));
      await api.send('hq.configure', { url: URL_EAST, office: '华东大区', passwordFile: join(w.dir, 'old.key') });
      const s = await api.send('hq.savePassword', { password: SECRET });
      expect(s).toMatchObject({ keychain: 'available', passwordInKeychain: true, passwordFile: null });
      expect(safe.calls).toBe(1);
      // Nowhere in the workspace: settings, audit trail, the whole file.
      w.ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(w.path).includes(Buffer.from(SECRET))).toBe(false);
      expect(JSON.stringify(w.ws.sqlite.prepare("SELECT * FROM audit_log WHERE operation = 'hq.savePassword'").all())).not.toContain(SECRET);
      expect(w.ws.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'hq.savePassword'").get()).toEqual({ n: 1 });

      expect(configuredConnection(w.ws)).toEqual({ url: URL_EAST, password: SECRET });
      expect(hqWorkerSecrets(w.ws)).toEqual({ hqPassword: SECRET });
      // Another address needs its own password.
      await api.send('hq.configure', { url: 'postgres://office_east@other.example.com/pwb_hq', office: '华东大区' });
      expect(configuredConnection(w.ws)).toEqual({ url: 'postgres://office_east@other.example.com/pwb_hq' });
      expect(await api.send('hq.status', {})).toMatchObject({ passwordInKeychain: false });
      await api.send('hq.configure', { url: URL_EAST, office: '华东大区' });
      expect(await api.send('hq.forgetPassword', {})).toMatchObject({ passwordInKeychain: false });
      expect(configuredConnection(w.ws)).toEqual({ url: URL_EAST });
      expect(hqWorkerSecrets(w.ws)).toEqual({});
      expect(readIdentity(w.ws).officeName).toBe('华东大区');
    } finally {
      w.cleanup();
    }
  });
});
