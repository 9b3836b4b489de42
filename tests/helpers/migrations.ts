import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMigrationsFolder } from '../../db/database';

/**
 * A copy of the workspace migrations (in `dir`) that stops before the migration whose tag ends with `tag`: opening a
 * workspace with it gives a workspace as it was before that migration, to test what the migration does to old rows.
 */
export function migrationsBefore(dir: string, tag: string): string {
  const folder = join(dir, `migrations-before${tag}`);
  cpSync(defaultMigrationsFolder(), folder, { recursive: true });
  const path = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(path, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  if (at <= 0) throw new Error(`No migration after the first one has a tag ending with ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(path, JSON.stringify(journal));
  return folder;
}
