import type { BridgeApi, CallReply, JobEvent, PlatformEnv } from '../../../shared/bridge';

/** The HTTP bridge client: the same BridgeApi as the Electron preload, over fetch + server-sent events. */
export function createWebBridge(): BridgeApi {
  const token = bridgeToken();
  const headers = { 'content-type': 'application/json', 'x-pwb-token': token };
  const post = async (path: string, body: unknown): Promise<CallReply> => {
    const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    return (await res.json()) as CallReply;
  };
  const listeners = new Set<(e: JobEvent) => void>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m) => {
      const e = JSON.parse(m.data as string) as JobEvent;
      for (const l of listeners) l(e);
    };
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
        // A browser cannot reveal a folder: download the file instead.
        const a = document.createElement('a');
        a.href = fileUrl(path);
        a.download = path.split(/[\\/]/).pop() ?? 'download';
        a.click();
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

  function fileUrl(path: string) {
    return `/api/file?path=${encodeURIComponent(path)}&token=${encodeURIComponent(token)}`;
  }
}

function bridgeToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="pwb-bridge-token"]')?.content ?? '';
}

/** Sends a file to the bridge (web mode); the workspace process then reads it from the returned path. */
export async function uploadFile(file: File): Promise<{ path: string; name: string; size: number }> {
  const token = bridgeToken();
  const res = await fetch('/api/upload', {
    method: 'POST',
    headers: { 'x-pwb-token': token, 'x-file-name': encodeURIComponent(file.name), 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json()) as { ok: boolean; result: { path: string; name: string; size: number } };
  if (!body.ok) throw new Error('Upload failed');
  return body.result;
}
