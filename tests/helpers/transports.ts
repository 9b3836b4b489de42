import type { Api } from '../../electron/api/api';
import type { ApiErrorBody } from '../../shared/errors';
import { registerContractIpc, type IpcLike } from '../../electron/main/ipcHandlers';
import { startBridge, type Bridge } from '../../electron/web/httpBridge';

export type Reply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/** One way to call the contract; every transport test runs against each of these. */
export interface Transport {
  name: string;
  call(op: string, input: unknown): Promise<Reply>;
  close(): Promise<void>;
}

export function inProcess(api: Api): Transport {
  return {
    name: 'in-process',
    async call(op, input) {
      try {
        return { ok: true, result: await api.sendRaw(op, input) };
      } catch (e) {
        return { ok: false, error: (e as { body: ApiErrorBody }).body };
      }
    },
    close: async () => undefined,
  };
}

/** The IPC handler map as main registers it, with a fake ipcMain and a renderer frame URL. */
export function ipc(api: Api, frameUrl = 'file:///app/out/renderer/index.html'): Transport {
  const handlers = new Map<string, (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown>();
  const fake: IpcLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
  registerContractIpc(fake, api, (url) => url.startsWith('file://'));
  return {
    name: 'ipc',
    call: async (op, input) => (await handlers.get('pwb:call')!({ senderFrame: { url: frameUrl } }, op, input)) as Reply,
    close: async () => undefined,
  };
}

export async function http(api: Api, filesDir: string): Promise<Transport & { bridge: Bridge }> {
  const bridge = await startBridge({ api, filesDir });
  return {
    name: 'http',
    bridge,
    async call(op, input) {
      const res = await fetch(`${bridge.url}api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pwb-token': bridge.token },
        body: JSON.stringify({ op, input }),
      });
      return (await res.json()) as Reply;
    },
    close: () => bridge.close(),
  };
}
