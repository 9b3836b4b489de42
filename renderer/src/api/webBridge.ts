import type { BridgeApi, CallReply, JobEvent, PlatformEnv } from '../../../shared/bridge';
import { ApiError, type ApiErrorBody } from '../../../shared/errors';

/** The HTTP bridge client: the same BridgeApi as the Electron preload, over fetch + server-sent events. */
export function createWebBridge(): BridgeApi {
  const token = bridgeToken();
  const headers = { 'content-type': 'application/json', 'x-pwb-token': token };
  const post = async (path: string, body: unknown): Promise<CallReply> => {
    const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    return (await res.json()) as CallReply;
  };
  const listeners = new Set<(e: JobEvent) => void>();
  let streaming = false;
  // Server-sent events read with fetch (EventSource cannot send the token header, and the token never goes in a URL).
  const ensureSource = () => {
    if (streaming) return;
    streaming = true;
    void (async () => {
      for (;;) {
        try {
          const res = await fetch('/api/events', { headers: { 'x-pwb-token': token } });
          if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block
                .split('\n')
                .filter((l) => l.startsWith('data: '))
                .map((l) => l.slice(6))
                .join('\n');
              if (!data) continue;
              const e = JSON.parse(data) as JobEvent;
              for (const l of listeners) l(e);
            }
          }
        } catch {
          /* reconnect below */
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
  };
  let envCache: Promise<PlatformEnv> | null = null;

  return {
    call: (op, input) => post('/api/call', { op, input }),
    startJob: (op, input) => post('/api/job', { op, input }),
    onEvent(listener) {
      ensureSource();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    platform: {
      kind: 'web',
      pickFile(filters) {
        return new Promise((resolve, reject) => {
          const input = document.createElement('input');
          input.type = 'file';
          if (filters?.length) input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
          input.onchange = async () => {
            const file = input.files?.[0];
            if (!file) return resolve(null);
            try {
              resolve(await uploadFile(file));
            } catch (e) {
              reject(e as Error);
            }
          };
          input.click();
        });
      },
      pickFolder: async () => (await (envCache ??= fetchEnv())).filesDir,
      async showItem(path) {
        // A browser cannot reveal a folder: download the file instead (fetched with the token header, never a token in a URL).
        const res = await fetch(`/api/file?path=${encodeURIComponent(path)}`, { headers: { 'x-pwb-token': token } });
        if (!res.ok) throw new Error(`Download failed (${res.status})`);
        const url = URL.createObjectURL(await res.blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = path.split(/[\\/]/).pop() ?? 'download';
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      async openExternal(url) {
        if (/^https?:\/\//.test(url)) window.open(url, '_blank', 'noopener');
      },
      env: () => (envCache ??= fetchEnv()),
    },
  };

  async function fetchEnv(): Promise<PlatformEnv> {
    const r = await fetch('/api/env', { headers });
    return ((await r.json()) as { result: PlatformEnv }).result;
  }
}

const TOKEN_KEY = 'pwb.bridgeToken';

/**
 * The bridge token reaches the page only in the address the server printed for the user who started it
 * (`#pwb-token=…`: a fragment is never sent over HTTP); it is kept in session storage (this tab only) and the
 * fragment removed from the address bar and history.
 */
export function captureBridgeToken(): void {
  const m = /^#pwb-token=([0-9a-f]+)/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, m[1]);
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
}

function bridgeToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Sends a file to the bridge (web mode); the workspace process then reads it from the returned path. */
export async function uploadFile(file: File): Promise<{ path: string; name: string; size: number }> {
  const token = bridgeToken();
  const res = await fetch('/api/upload', {
    method: 'POST',
    headers: { 'x-pwb-token': token, 'x-file-name': encodeURIComponent(file.name), 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => ({ ok: false }))) as { ok: boolean; result: { path: string; name: string; size: number }; error?: ApiErrorBody };
  // A refusal in words (a file over the upload limit), else that the upload failed — in the app's language either way.
  if (!body.ok) throw new ApiError(body.error ?? { code: 'INTERNAL', operation: '', message: 'Upload failed', data: { reason: 'uploadFailed', params: { fileName: file.name } } });
  return body.result;
}
