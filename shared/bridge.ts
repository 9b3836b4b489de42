/** The transport between renderer and main process: what the Electron preload exposes as window.pwb and the web bridge client implements. */
import type { ApiErrorBody } from './errors';
import type { JobEvent } from './jobs';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface PlatformEnv {
  mode: 'electron' | 'web';
  /** Where the app writes exports by default (web mode: served back for download). */
  filesDir: string;
}

/** What the Electron preload exposes as window.pwb; the web client implements the same over HTTP. */
export interface BridgeApi {
  call(op: string, input: unknown): Promise<CallReply>;
  startJob(op: string, input: unknown): Promise<CallReply>;
  onEvent(listener: (e: JobEvent) => void): () => void;
  platform: {
    kind: 'electron' | 'web';
    pickFile(filters?: Array<{ name: string; extensions: string[] }>): Promise<{ path: string; name: string; size: number } | null>;
    pickFolder(): Promise<string | null>;
    showItem(path: string): Promise<void>;
    openExternal(url: string): Promise<void>;
    env(): Promise<PlatformEnv>;
  };
}

export type { JobEvent };
