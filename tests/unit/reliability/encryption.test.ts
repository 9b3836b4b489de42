import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, WorkspaceError } from '../../../db/database';
import { isPlainSqliteFile, openSqliteFile } from '../../../db/encryption';
import { createApi } from '../../../electron/api/api';
import { createBackup } from '../../../electron/domain/backups/backupService';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const SECRET = '6222020200112233445';
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const holds = (p: string, text: string) => {
  try {
    return readFileSync(p).includes(text);
  } catch {
    return false;
  }
};
const refusal = (fn: () => unknown): WorkspaceError => {
  try {
    fn();
  } catch (e) {
    return e as WorkspaceError;
  }
  throw new Error('not refused');
};

describe('encrypted workspaces', () => {
  it('init --encrypt, data and backups encrypted at rest, wrong or missing passphrase refused at once, rekey, encrypt an existing one', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const w = join(t.dir, 'w.sqlite');
    const k1 = join(t.dir, 'k1');
    const k2 = join(t.dir, 'k2');
    writeFileSync(k1, "correct horse 'battery'\n", { mode: 0o600 });
    writeFileSync(k2, '新的口令 staple\n', { mode: 0o600 });

    const init = pwb(['init', '--db', w, '--encrypt', '--key-file', k1, '--json']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(isPlainSqliteFile(w)).toBe(false);
    expect(statSync(w).mode & 0o077).toBe(0);

    const ws = openWorkspace(w, { key: "correct horse 'battery'" });
    // Temporary files (an import's staged rows, index sorts) are not encrypted by the cipher: they stay in memory.
    expect(ws.sqlite.pragma('temp_store', { simple: true })).toBe(2);
    await createApi({ ws, user: 't' }).send('partners.create', partnerInput('P1', { bankName: '招商银行', bankAccount: SECRET }));
    const backup = await createBackup(ws, 'manual');
    ws.close();
    expect(holds(w, SECRET) || holds(`${w}-wal`, SECRET)).toBe(false);
    expect(holds(backup.path, SECRET)).toBe(false);
    expect(isPlainSqliteFile(backup.path)).toBe(false);
    expect(statSync(backup.path).mode & 0o077).toBe(0);
    const b = openSqliteFile(backup.path, { readonly: true, key: "correct horse 'battery'" });
    expect(b.prepare('select bank_account from partners').pluck().get()).toBe(SECRET);
    b.close();

    // wrong passphrase and none: refused at once, the file untouched
    const before = sha(w);
    expect(refusal(() => openWorkspace(w, { key: 'wrong' })).code).toBe('WRONG_KEY');
    expect(refusal(() => openWorkspace(w)).code).toBe('ENCRYPTED');
    const wrong = pwb(['check', '--db', w, '--json'], { PWB_KEY: 'wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Wrong passphrase');
    expect(sha(w)).toBe(before);
    const ok = pwb(['partners', 'list', '--db', w, '--json'], { PWB_KEY: "correct horse 'battery'" });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('P1');

    // pwb backup --out of an encrypted workspace is encrypted too
    const out = join(t.dir, 'copy.sqlite');
    expect(pwb(['backup', '--db', w, '--key-file', k1, '--out', out, '--json']).code).toBe(0);
    expect(isPlainSqliteFile(out)).toBe(false);
    expect(holds(out, SECRET)).toBe(false);

    // change the passphrase: the old one is refused afterwards, a wrong current one changes nothing
    expect(pwb(['rekey', '--db', w, '--key-file', k2, '--new-key-file', k1]).code).toBe(1);
    const rekey = pwb(['rekey', '--db', w, '--key-file', k1, '--new-key-file', k2, '--json']);
    expect(rekey.stderr).toBe('');
    expect(refusal(() => openWorkspace(w, { key: "correct horse 'battery'" })).code).toBe('WRONG_KEY');
    const reopened = openWorkspace(w, { key: '新的口令 staple' });
    expect(reopened.sqlite.prepare('select bank_account from partners').pluck().get()).toBe(SECRET);
    reopened.close();

    // encrypt a plain workspace in place
    const p = join(t.dir, 'plain.sqlite');
    const plain = openWorkspace(p);
    await createApi({ ws: plain, user: 't' }).send('partners.create', partnerInput('P2', { bankAccount: SECRET }));
    plain.close();
    expect(refusal(() => openWorkspace(p, { key: 'x' })).message).toContain('not encrypted');
    const enc = pwb(['encrypt', '--db', p, '--key-file', k1, '--json']);
    expect(enc.stderr).toBe('');
    expect(enc.code).toBe(0);
    expect(holds(p, SECRET) || holds(`${p}-wal`, SECRET)).toBe(false);
    const e = openWorkspace(p, { key: "correct horse 'battery'" });
    expect(e.sqlite.prepare("select bank_account from partners where code = 'P2'").pluck().get()).toBe(SECRET);
    e.close();
  }, 180_000);
});
