import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ancestors } from '../../db/database';

/**
 * A file under resources/ (fonts, templates, demo data): found by walking up from the running code (sources,
 * tests, build output), else under process.resourcesPath in a packaged app.
 */
export function resourcePath(...parts: string[]): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const packaged = (process as unknown as { resourcesPath?: string }).resourcesPath;
  const roots = [process.env.PWB_RESOURCES, ...ancestors(here).map((d) => join(d, 'resources')), packaged ? join(packaged, 'resources') : undefined];
  for (const root of roots) {
    if (root && existsSync(join(root, ...parts))) return join(root, ...parts);
  }
  throw new Error(`Resource not found: resources/${parts.join('/')}`);
}
