import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * What the app needs of the OS keychain: Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, the
 * Secret Service / KWallet on Linux). A fake in tests; the domain never imports electron.
 */
export interface SecretStore {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only: 'basic_text' means no keychain was found and safeStorage would only obfuscate. */
  getSelectedStorageBackend?(): string;
}

type Stored = Record<string, string>;

/**
 * Passphrases of encrypted workspaces the user asked the app to remember, encrypted by the OS keychain, in one
 * owner-only file of the app's user-data folder (workspace path → keychain-encrypted passphrase, base64). The
 * passphrase is never stored where the keychain cannot protect it: without a keychain (safeStorage unavailable, or
 * Linux's plain-text fallback) nothing is remembered. A passphrase the keychain can no longer decrypt (another user
 * account, a reset keychain) counts as not remembered.
 */
export class RememberedKeys {
  constructor(
    readonly file: string,
    private readonly store: SecretStore,
  ) {}

  /** Whether passphrases can be remembered on this machine. */
  available(): boolean {
    try {
      return this.store.isEncryptionAvailable() && this.store.getSelectedStorageBackend?.() !== 'basic_text';
    } catch {
      return false;
    }
  }

  has(workspace: string): boolean {
    return resolve(workspace) in this.read();
  }

  get(workspace: string): string | null {
    const sealed = this.read()[resolve(workspace)];
    if (!sealed || !this.available()) return null;
    try {
      return this.store.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null;
    }
  }

  remember(workspace: string, passphrase: string): void {
    if (!this.available()) throw new Error('No OS keychain is available to remember the passphrase');
    const all = this.read();
    all[resolve(workspace)] = this.store.encryptString(passphrase).toString('base64');
    this.write(all);
  }

  forget(workspace: string): void {
    const all = this.read();
    if (!(resolve(workspace) in all)) return;
    delete all[resolve(workspace)];
    this.write(all);
  }

  private read(): Stored {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  }

  private write(all: Stored): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const partial = `${this.file}.partial`;
    writeFileSync(partial, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    chmodSync(partial, 0o600);
    renameSync(partial, this.file);
  }
}
