import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../../../shared/errors';

/**
 * The part of Electron's `safeStorage` the vault uses (main process only; the app passes the real one, tests a fake).
 * It encrypts with a key the OS keychain keeps: DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keychain was found and Electron would "encrypt" with a hard-coded key. */
  getSelectedStorageBackend?(): string;
}

/** Whose password: one workspace reaching one HQ role on one server. */
export interface VaultKey {
  workspaceId: string;
  url: string;
}

export interface HqPasswordVault {
  /** Whether the OS keychain can be used here (false: browser mode, or Linux without a keychain). */
  available(): boolean;
  save(key: VaultKey, password: string): void;
  /** The password, or undefined when none is kept for this workspace and address. */
  read(key: VaultKey): string | undefined;
  has(key: VaultKey): boolean;
  forget(key: VaultKey): boolean;
}

/** role@host:port/database: a changed role, server or database needs its own password; query options (sslmode) do not. */
export function vaultEntryName({ workspaceId, url }: VaultKey): string {
  let where = url;
  try {
    const u = new URL(url);
    where = `${decodeURIComponent(u.username)}@${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    /* an address that is not a URL keeps its text */
  }
  return `${workspaceId} ${where}`;
}

function unavailable(): DomainError {
  return new DomainError(
    'The OS keychain is not available here (browser mode, or Linux without a keyring): keep the HQ password in a key file, PGPASSWORD or ~/.pgpass',
    'DOMAIN',
    { reason: 'hq.keychainUnavailable' },
  );
}

/**
 * Keeps HQ passwords encrypted by the OS keychain in one file outside the workspace (the app's user-data folder,
 * mode 0600): `{ "<workspace id> role@host:port/db": "<base64 ciphertext>" }`. The clear password exists only in memory
 * while a connection is made; a copied workspace or backup carries none, and the file is useless on another account.
 */
export function createHqPasswordVault(safe: SafeStorageLike | null, file: string): HqPasswordVault {
  const available = () => {
    if (!safe?.isEncryptionAvailable()) return false;
    // Electron's fallback on Linux without a keyring stores with a constant key: that is clear text in disguise.
    return safe.getSelectedStorageBackend?.() !== 'basic_text';
  };
  const load = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const store = (entries: Record<string, string>) => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };
  return {
    available,
    save(key, password) {
      if (!available()) throw unavailable();
      if (!password) throw new DomainError('The HQ password is empty', 'DOMAIN', { reason: 'hq.passwordEmpty' });
      const entries = load();
      entries[vaultEntryName(key)] = safe!.encryptString(password).toString('base64');
      store(entries);
    },
    read(key) {
      const blob = load()[vaultEntryName(key)];
      if (!blob || !available()) return undefined;
      try {
        return safe!.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        // Encrypted under another OS account or a reset keychain: as if none were kept (the user enters it again).
        return undefined;
      }
    },
    has(key) {
      return vaultEntryName(key) in load();
    },
    forget(key) {
      const entries = load();
      const name = vaultEntryName(key);
      if (!(name in entries)) return false;
      delete entries[name];
      store(entries);
      return true;
    },
  };
}

let current: HqPasswordVault | null = null;

/** The process's vault: the Electron main process installs one backed by safeStorage; elsewhere there is none. */
export function installHqPasswordVault(vault: HqPasswordVault | null): void {
  current = vault;
}

export function hqPasswordVault(): HqPasswordVault | null {
  return current;
}

/** A vault holding one password in memory: what a job worker thread gets from the main process. */
export function memoryPasswordVault(password: string): HqPasswordVault {
  return {
    available: () => false,
    save: () => {
      throw unavailable();
    },
    read: () => password,
    has: () => true,
    forget: () => false,
  };
}
