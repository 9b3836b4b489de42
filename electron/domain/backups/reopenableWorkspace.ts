import { openWorkspace, type OpenOptions, type Workspace } from '../../../db/database';

/**
 * A workspace the app can close and reopen under the same object (restore swaps the file while the API stays up):
 * `sqlite` and `db` always point at the current connection, so handlers and the API keep working after a swap.
 */
export interface ReopenableWorkspace extends Workspace {
  readonly reopenable: true;
  readonly options: OpenOptions;
  /** Closes the connection, runs `fn` on the closed file, then reopens (also when `fn` throws). */
  swap<T>(fn: (path: string, options: OpenOptions) => T): T;
}

export function openReopenableWorkspace(path: string, options: OpenOptions = {}): ReopenableWorkspace {
  let current = openWorkspace(path, options);
  const file = current.path;
  let closed = false;
  return {
    reopenable: true,
    options,
    get path() {
      return file;
    },
    get sqlite() {
      return current.sqlite;
    },
    get db() {
      return current.db;
    },
    close() {
      closed = true;
      current.close();
    },
    swap(fn) {
      if (closed) throw new Error('The workspace is closed');
      current.close();
      try {
        return fn(file, options);
      } finally {
        current = openWorkspace(file, options);
      }
    },
  };
}

export function isReopenable(ws: Workspace): ws is ReopenableWorkspace {
  return (ws as Partial<ReopenableWorkspace>).reopenable === true;
}
