import { resolve } from 'node:path';
import { setHealth } from '../../domain/system/workspaceHealth';
import type { backupsContract } from '../../contract/backups';
import { DomainError } from '../../../shared/errors';
import { BACKUP_FOLDER_SETTING, backupFolder } from '../../domain/backups/backupFolder';
import { backupWorkspace } from '../../domain/backups/backupCopy';
import { createBackup, listBackups } from '../../domain/backups/backupService';
import { inspectBackup } from '../../domain/backups/inspectBackup';
import { isReopenable } from '../../domain/backups/reopenableWorkspace';
import { restoreWorkspaceFile } from '../../domain/backups/restoreWorkspace';
import { RETENTION } from '../../domain/backups/rotation';
import { getSetting } from '../../domain/system/settingsStore';
import type { HandlerMap } from './types';

export const backupHandlers: HandlerMap<keyof typeof backupsContract> = {
  'backups.list': ({ ws }) => {
    const folder = backupFolder(ws.sqlite, ws.path);
    return {
      folder,
      isDefaultFolder: !getSetting<unknown>(ws.db, BACKUP_FOLDER_SETTING, null),
      backups: ws.path === ':memory:' ? [] : listBackups(folder, ws.path),
      retention: { ...RETENTION },
    };
  },
  'backups.create': async ({ ws, progress }) => {
    if (ws.path === ':memory:') throw new DomainError('This workspace is in memory: there is no file to back up', 'DOMAIN', { reason: 'backupInMemory', params: {} });
    progress('backup', 0, 1);
    const b = await createBackup(ws, 'manual');
    progress('backup', 1, 1);
    return b;
  },
  'backups.inspect': (ctx, { path }) => inspectBackup(path, undefined, ctx.ws.key),
  'backups.copyTo': ({ ws }, { out }) => backupWorkspace(ws, out),
  'backups.restore': (ctx, { from }) => {
    const { ws } = ctx;
    if (!isReopenable(ws)) {
      throw new DomainError('This workspace cannot be swapped while open; close the app and use `pwb restore --db <workspace> --from <backup>`', 'DOMAIN', {
        reason: 'restoreWhileOpen',
        params: {},
      });
    }
    if (resolve(from) === resolve(ws.path)) throw new DomainError('The backup to restore is the workspace itself', 'DOMAIN', { reason: 'restoreIsWorkspace', params: {} });
    const check = inspectBackup(from, undefined, ctx.ws.key);
    if (!check.ok) throw new DomainError(`Not restored: ${check.path} ${check.problems.join('; ')}`, 'DOMAIN', {
        ...check,
        reason: 'restoreNotUsable',
        params: { path: check.path, issues: check.issues },
      });
    // The clock reads the time zone from the workspace, which is closed while the file is swapped: read it before.
    const now = ctx.clock.now();
    const r = ws.swap((path, options) => restoreWorkspaceFile(path, from, { openOptions: options, now }));
    // The restored file passed integrity_check before it replaced the damaged one.
    setHealth(ws, [], true);
    // Recorded in the restored workspace (the replaced one is kept untouched beside it).
    ctx.audit({
      entity: 'workspace',
      entityId: r.path,
      before: { replacedPath: r.replacedPath, schemaVersion: r.schemaVersionBefore },
      after: { from: r.from, schemaVersion: r.schemaVersion },
    });
    return { path: r.path, from: r.from, replacedPath: r.replacedPath, schemaVersionBefore: r.schemaVersionBefore, schemaVersion: r.schemaVersion };
  },
};
