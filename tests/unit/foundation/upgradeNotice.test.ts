import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openWorkspace, schemaVersionOf } from '../../../db/database';
import { pendingMigration, upgradeNotice } from '../../../db/upgradeNotice';
import { migrationsBefore } from '../../helpers/migrations';
import { tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-upgrade-notice-');
afterAll(() => tmp.cleanup());

/**
 * The first open of an older workspace backs it up and migrates it — minutes at millions of lines (README "Workspace
 * file") — so the app says so before it starts; pendingMigration tells, without changing the file, whether it will.
 */
describe('the notice before an older workspace is migrated', () => {
  const app = schemaVersionOf(defaultMigrationsFolder());

  it('is due for a workspace of an older schema, and no longer once it is open', () => {
    const path = join(tmp.dir, 'old.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_order_line_keys') });
    const from = old.sqlite.pragma('user_version', { simple: true }) as number;
    old.close();
    expect(from).toBeLessThan(app);
    const pending = pendingMigration(path, app);
    expect(pending).toEqual({ path, from, to: app });
    // Reading it changed nothing: the version is as it was until the app opens it.
    expect(pendingMigration(path, app)).toEqual(pending);
    expect(upgradeNotice(pending!, 'zh-CN')).toBe(`正在升级工作区 old.sqlite（结构版本 ${from} → ${app}）：先完整备份，再更新数据结构。数百万条明细的工作区需要几分钟，请勿关闭。`);
    expect(upgradeNotice(pending!, 'en')).toBe(
      `Upgrading the workspace old.sqlite (schema ${from} → ${app}): a full backup first, then the update. A workspace of millions of lines takes a few minutes; please do not close the app.`,
    );
    openWorkspace(path).close();
    expect(pendingMigration(path, app)).toBeNull();
  });

  it('is not due for a missing file, an empty one or one that is not a workspace', () => {
    expect(pendingMigration(join(tmp.dir, 'missing.sqlite'), app)).toBeNull();
    const empty = join(tmp.dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(pendingMigration(empty, app)).toBeNull();
    const text = join(tmp.dir, 'notes.sqlite');
    writeFileSync(text, 'not a database at all, just some words that fill more than a header would');
    expect(pendingMigration(text, app)).toBeNull();
  });
});
