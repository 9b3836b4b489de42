import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { rekeyFile } from '../../../db/encryption';
import { createApi, type Api } from '../../../electron/api/api';
import { WorkspaceGate } from '../../../electron/api/workspaceGate';
import { openAppWorkspace } from '../../../electron/domain/backups/openAppWorkspace';
import { RememberedKeys, type SecretStore } from '../../../electron/domain/system/rememberedKeys';
import { denyAllPermissions } from '../../../electron/main/security';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const PASS = 'correct horse 电池 staple';

/** safeStorage as the OS keychain gives it: a secret only this "user account" can decrypt. */
function fakeKeychain(account = 'li', backend = 'gnome_libsecret'): SecretStore & { available: boolean } {
  const mask = createHash('sha256').update(account).digest();
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ mask[i % mask.length]));
  return {
    available: true,
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(plain, 'utf8'))]),
    decryptString: (data) => {
      const plain = xor(data.subarray(3)).toString('utf8');
      if (data.subarray(0, 3).toString() !== 'v10' || !/^[\p{L}\p{N} ]*$/u.test(plain)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return plain;
    },
  };
}

async function encryptedWorkspace(dir: string): Promise<string> {
  const path = join(dir, 'w.sqlite');
  const ws = openWorkspace(path, { key: PASS });
  await createApi({ ws, user: 'li' }).send('partners.create', partnerInput('P001', { name: '华东一号' }));
  ws.close();
  return path;
}

function gateFor(path: string, keys: RememberedKeys, givenKey?: string) {
  const opened: Api[] = [];
  const gate = new WorkspaceGate({
    path,
    givenKey,
    keys,
    open: (key) => {
      const ws = openAppWorkspace(path, 'test', key);
      cleanups.push(() => ws.close());
      return createApi({ ws, user: 'li' });
    },
  });
  gate.onOpen((api) => opened.push(api));
  return { gate, opened };
}

const refusal = async (p: Promise<unknown>): Promise<ApiError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!ApiError.is(e)) throw new Error(`expected an ApiError, got ${String(e)}`);
  return e;
};

describe('remembered passphrases (OS keychain through safeStorage)', () => {
  it('are stored only keychain-encrypted in an owner-only file, read back by the same account only, and forgotten', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'userData', 'remembered-keys.json');
    const keys = new RememberedKeys(file, fakeKeychain());
    keys.remember('/w/a.sqlite', PASS);
    expect(readFileSync(file, 'utf8')).not.toContain(PASS);
    expect(readFileSync(file, 'utf8')).not.toContain('horse');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(keys.get('/w/a.sqlite')).toBe(PASS);
    expect(keys.get('/w/b.sqlite')).toBeNull();
    // Another account's keychain cannot decrypt it: not remembered, no crash.
    expect(new RememberedKeys(file, fakeKeychain('wang')).get('/w/a.sqlite')).toBeNull();
    keys.forget('/w/a.sqlite');
    expect(keys.has('/w/a.sqlite')).toBe(false);
    expect(keys.get('/w/a.sqlite')).toBeNull();
  });

  it('are never remembered without a real keychain (unavailable, or Linux plain-text fallback)', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const off = fakeKeychain();
    off.available = false;
    const none = new RememberedKeys(join(t.dir, 'a.json'), off);
    expect(none.available()).toBe(false);
    expect(() => none.remember('/w/a.sqlite', PASS)).toThrow(/keychain/);
    const basic = new RememberedKeys(join(t.dir, 'b.json'), fakeKeychain('li', 'basic_text'));
    expect(basic.available()).toBe(false);
  });
});

describe('the desktop app asks for an encrypted workspace passphrase at open', () => {
  it('opens locked, refuses every operation, refuses a wrong passphrase changing nothing, opens and remembers the right one', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = await encryptedWorkspace(t.dir);
    const keys = new RememberedKeys(join(t.dir, 'remembered-keys.json'), fakeKeychain());
    const { gate, opened } = gateFor(path, keys);
    expect(gate.start()).toBeNull();
    expect(await gate.sendRaw('system.unlockStatus', {})).toEqual({ locked: true, workspace: path, canRemember: true, remembered: false, reason: 'passphraseNeeded' });
    const locked = await refusal(gate.sendRaw('partners.list', {}));
    expect(locked.body.code).toBe('FORBIDDEN');
    expect(errorText(locked.body, 'zh-CN')).toContain('已加密');
    expect(() => gate.startJob('backups.copyTo', { out: join(t.dir, 'b.sqlite') })).toThrow(/encrypted/);

    const before = sha(path);
    const wrong = await refusal(gate.sendRaw('system.unlock', { passphrase: 'not it', remember: true }));
    expect(wrong.body.code).toBe('DOMAIN');
    expect(errorText(wrong.body, 'en')).toBe(`Wrong passphrase for the workspace ${path}; nothing was changed.`);
    expect(sha(path)).toBe(before);
    expect(keys.has(path)).toBe(false);
    expect(opened).toHaveLength(0);
    expect((await refusal(gate.sendRaw('system.unlock', { passphrase: '' }))).body.code).toBe('INVALID_INPUT');

    expect(await gate.sendRaw('system.unlock', { passphrase: PASS, remember: true })).toMatchObject({ locked: false, remembered: true });
    expect(opened).toHaveLength(1);
    expect(((await gate.sendRaw('partners.list', {})) as { rows: Array<{ code: string }> }).rows.map((p) => p.code)).toEqual(['P001']);
    expect((await refusal(gate.sendRaw('system.unlock', { passphrase: PASS }))).body.code).toBe('CONFLICT');
    // The passphrase reached neither the audit trail nor the keys file in clear.
    const ws = opened[0].ws;
    expect(ws.sqlite.prepare(`select count(*) from audit_log where coalesce(after, '') || coalesce(before, '') like '%horse%'`).pluck().get()).toBe(0);
    expect(readFileSync(keys.file, 'utf8')).not.toContain('horse');
  });

  it('at the next start opens with the remembered passphrase; after a passphrase change it forgets it and asks again', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = await encryptedWorkspace(t.dir);
    const keys = new RememberedKeys(join(t.dir, 'remembered-keys.json'), fakeKeychain());
    keys.remember(path, PASS);
    const first = gateFor(path, keys);
    expect(first.gate.start()).not.toBeNull();
    expect(first.opened).toHaveLength(1);
    expect(first.gate.status()).toMatchObject({ locked: false, remembered: true });
    first.opened[0].ws.close();

    rekeyFile(path, PASS, 'a new passphrase');
    const second = gateFor(path, keys);
    expect(second.gate.start()).toBeNull();
    expect(second.gate.status()).toMatchObject({ locked: true, reason: 'rememberedRejected', remembered: false });
    expect(await second.gate.sendRaw('system.unlock', { passphrase: 'a new passphrase' })).toMatchObject({ locked: false, remembered: false });
    expect(await second.gate.sendRaw('system.forgetKey', {})).toMatchObject({ remembered: false });
  });

  it('opens a plain workspace, a new one, or one whose passphrase the process was given, without asking', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const keys = new RememberedKeys(join(t.dir, 'remembered-keys.json'), fakeKeychain());
    expect(gateFor(join(t.dir, 'new.sqlite'), keys).gate.start()).not.toBeNull();
    const plain = join(t.dir, 'plain.sqlite');
    openWorkspace(plain).close();
    expect(gateFor(plain, keys).gate.start()).not.toBeNull();
    const path = await encryptedWorkspace(t.dir);
    const given = gateFor(path, keys, PASS);
    expect(given.gate.start()).not.toBeNull();
    expect(keys.has(path)).toBe(false);
  });
});

describe('Electron permissions', () => {
  it('every permission request is refused and every check answers not granted', () => {
    const calls: Record<string, (...a: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...a: never[]) => unknown) => (calls.request = h),
      setPermissionCheckHandler: (h: (...a: never[]) => unknown) => (calls.check = h),
      setDevicePermissionHandler: (h: (...a: never[]) => unknown) => (calls.device = h),
    };
    denyAllPermissions(session as never);
    const granted: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      (calls.request as (wc: unknown, p: string, cb: (g: boolean) => void) => void)(null, permission, (g) => granted.push(g));
      granted.push((calls.check as (wc: unknown, p: string) => boolean)(null, permission));
    }
    granted.push((calls.device as (d: unknown) => boolean)({ deviceType: 'usb' }));
    expect(granted).toHaveLength(13);
    expect(granted.every((g) => g === false)).toBe(true);
  });
});
