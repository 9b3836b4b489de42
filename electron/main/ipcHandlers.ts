import type { ApiTransport } from '../api/workspaceGate';
import { ApiError, type ApiErrorBody } from '../../shared/errors';

/** The subset of ipcMain the contract needs; a plain object in tests. */
export interface IpcLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown): void;
}

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

async function reply(fn: () => Promise<unknown> | unknown): Promise<IpcReply> {
  try {
    return { ok: true, result: (await fn()) ?? null };
  } catch (e) {
    return { ok: false, error: ApiError.is(e) ? e.body : { code: 'INTERNAL', operation: '', message: (e as Error).message } };
  }
}

/**
 * The contract over Electron IPC: 'pwb:call' and 'pwb:job', only from the app's own frames.
 * Errors come back as structured replies (thrown errors lose their shape crossing IPC).
 */
export function registerContractIpc(ipc: IpcLike, api: ApiTransport, isOwnFrame: (url: string) => boolean): void {
  const guarded =
    (fn: (...args: unknown[]) => Promise<IpcReply>) =>
    (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => {
      if (!isOwnFrame(event.senderFrame?.url ?? '')) {
        return { ok: false, error: { code: 'FORBIDDEN', operation: String(args[0] ?? ''), message: 'IPC from an unexpected frame' } } satisfies IpcReply;
      }
      return fn(...args);
    };
  ipc.handle('pwb:call', guarded((op, input) => reply(() => api.sendRaw(op, input))));
  ipc.handle('pwb:job', guarded((op, input) => reply(() => api.startJob(op, input))));
}
