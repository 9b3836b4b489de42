import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { DomainError } from '../../../shared/errors';

/** What an export does when its file or folder already exists (`zs.onExists`). */
export type OnExists = 'refuse' | 'replace' | 'rename';

/**
 * The path an export writes to. An existing file is never replaced silently: `refuse` (the default; the CLI's
 * `--overwrite` asks for `replace`) is a CONFLICT naming the file; `rename` picks `name (2).ext`, `name (3).ext`…
 * as a browser's downloads do (the app's export buttons, which write into their own files folder).
 */
export function outputPath(path: string, onExists: OnExists = 'refuse', isFolder = false): string {
  // A folder export also writes `<folder>.zip` beside it: either one being there counts.
  const taken = (p: string) => existsSync(p) || (isFolder && existsSync(`${p}.zip`));
  if (!taken(path) || onExists === 'replace') return path;
  if (onExists === 'rename') {
    const ext = isFolder ? '' : extname(path);
    const stem = path.slice(0, path.length - ext.length);
    for (let n = 2; ; n++) {
      const candidate = `${stem} (${n})${ext}`;
      if (!taken(candidate)) return candidate;
    }
  }
  throw new DomainError(`${path} already exists: choose another name, or replace it (pwb: --overwrite)`, 'CONFLICT', { reason: 'fileExists', params: { path } });
}
