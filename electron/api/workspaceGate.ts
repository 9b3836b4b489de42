import { existsSync } from 'node:fs';
import { WorkspaceError } from '../../db/database';
import { isPlainSqliteFile } from '../../db/encryption';
import { ApiError } from '../../shared/errors';
import type { RememberedKeys } from '../domain/system/rememberedKeys';
import { unlockInput, type UnlockStatus } from '../model/system';
import type { Api } from './api';
import { toApiError } from './errors';

/** What a transport (IPC) calls: the Api's untyped entry points. */
export type ApiTransport = Pick<Api, 'sendRaw' | 'startJob'>;

export interface GateOptions {
  /** The workspace file. */
  path: string;
  /** A passphrase given to the process (PWB_KEY / PWB_KEY_FILE): used first, never remembered. */
  givenKey?: string;
  keys: RememberedKeys;
  /** Opens the workspace with this passphrase (undefined: a plain file) and builds its Api; throws WorkspaceError. */
  open(key: string | undefined): Api;
}

const GATE_OPERATIONS = new Set(['system.unlockStatus', 'system.unlock', 'system.forgetKey']);

/**
 * The desktop app's door before its workspace is open. A plain (or new) workspace, or an encrypted one whose
 * passphrase was given to the process or is remembered in the OS keychain, opens at once. Otherwise the window
 * comes up locked: only `system.unlockStatus` / `system.unlock` / `system.forgetKey` are answered, every other
 * operation is refused as FORBIDDEN (`workspaceLocked`), and the renderer asks for the passphrase. A wrong
 * passphrase is refused at once and changes nothing (the file is opened, not written, before the key is checked);
 * a remembered passphrase that no longer opens the file (changed with `pwb rekey`) is forgotten and asked for.
 */
export class WorkspaceGate implements ApiTransport {
  private api: Api | null = null;
  private reason: UnlockStatus['reason'] = null;

  constructor(private readonly o: GateOptions) {}

  /** Opens what can be opened without asking; returns the Api, or null while the passphrase is needed. */
  start(): Api | null {
    if (!existsSync(this.o.path) || isPlainSqliteFile(this.o.path)) return this.openWith(undefined);
    if (this.o.givenKey) return this.openWith(this.o.givenKey);
    const remembered = this.o.keys.get(this.o.path);
    if (remembered) {
      try {
        return this.openWith(remembered);
      } catch (e) {
        if (!(e instanceof WorkspaceError && e.code === 'WRONG_KEY')) throw e;
        this.o.keys.forget(this.o.path);
        this.reason = 'rememberedRejected';
        return null;
      }
    }
    this.reason = 'passphraseNeeded';
    return null;
  }

  get opened(): Api | null {
    return this.api;
  }

  status(): UnlockStatus {
    return {
      locked: this.api === null,
      workspace: this.o.path,
      canRemember: this.o.keys.available(),
      remembered: this.o.keys.has(this.o.path),
      reason: this.api ? null : this.reason,
    };
  }

  /** Opens the workspace with the passphrase the user typed; on success calls `onOpen` once with the Api. */
  unlock(raw: unknown): UnlockStatus {
    const input = unlockInput.parse(raw ?? {});
    if (this.api) throw new ApiError({ code: 'CONFLICT', operation: 'system.unlock', message: `The workspace ${this.o.path} is open already`, data: { reason: 'workspaceOpenAlready', params: { path: this.o.path } } });
    try {
      this.openWith(input.passphrase);
    } catch (e) {
      if (e instanceof WorkspaceError && e.code === 'WRONG_KEY') {
        throw new ApiError({ code: 'DOMAIN', operation: 'system.unlock', message: `Wrong passphrase for ${this.o.path}; nothing was changed`, data: { reason: 'wrongPassphrase', params: { path: this.o.path } } });
      }
      throw e;
    }
    if (input.remember && this.o.keys.available()) this.o.keys.remember(this.o.path, input.passphrase);
    return this.status();
  }

  private openWith(key: string | undefined): Api {
    const api = this.o.open(key);
    this.api = api;
    this.reason = null;
    for (const listener of this.listeners) listener(api);
    return api;
  }

  private readonly listeners: Array<(api: Api) => void> = [];
  /** Called with the Api when the workspace opens (at start or by unlock). */
  onOpen(listener: (api: Api) => void): void {
    this.listeners.push(listener);
    if (this.api) listener(this.api);
  }

  async sendRaw(name: unknown, input: unknown): Promise<unknown> {
    const op = String(name);
    if (GATE_OPERATIONS.has(op)) {
      try {
        if (op === 'system.unlock') return this.unlock(input);
        if (op === 'system.forgetKey') this.o.keys.forget(this.o.path);
        return this.status();
      } catch (e) {
        throw new ApiError(toApiError(op, e, this.o.path));
      }
    }
    return this.require(op).sendRaw(name, input);
  }

  startJob(name: unknown, input: unknown): { jobId: string } {
    return this.require(String(name)).startJob(name, input);
  }

  private require(operation: string): Api {
    if (this.api) return this.api;
    throw new ApiError({
      code: 'FORBIDDEN',
      operation,
      message: `The workspace ${this.o.path} is encrypted: enter its passphrase to open it first`,
      data: { reason: 'workspaceLocked', params: { path: this.o.path } },
    });
  }
}
