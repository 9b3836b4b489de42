import { openSqliteFile } from '../../../db/encryption';
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultMigrationsFolder, schemaVersionOf } from '../../../db/database';
import { BackupInspection } from '../../model/backups';
import { backupStore } from './store';

/** Tables every Partner Workbench workspace has had since the first schema. */
const REQUIRED_TABLES = ['__drizzle_migrations', 'settings', 'audit_log', 'partners'];

/** Checks that a file is a readable, intact workspace this app can open (integrity_check, schema version, tables), read-only. */
export function inspectBackup(file: string, migrationsFolder = defaultMigrationsFolder(), key?: string): BackupInspection {
  const path = resolve(file);
  const appSchemaVersion = schemaVersionOf(migrationsFolder);
  const report: BackupInspection = { path, bytes: 0, ok: false, problems: [], issues: [], integrity: [], schemaVersion: null, appSchemaVersion, counts: {}, lastChangeAt: null };
  if (!existsSync(path) || !statSync(path).isFile()) {
    report.problems.push(`${path} does not exist or is not a file`);
    report.issues.push({ reason: 'backup.missing', params: { path } });
    return report;
  }
  report.bytes = statSync(path).size;
  let db: Database.Database | null = null;
  try {
    db = openSqliteFile(path, { readonly: true, key });
    report.schemaVersion = backupStore.schemaVersion(db);
    report.integrity = backupStore.integrityCheck(db);
    if (!(report.integrity.length === 1 && report.integrity[0] === 'ok')) {
      report.problems.push(`integrity check failed: ${report.integrity.slice(0, 5).join('; ')}`);
      report.issues.push({ reason: 'backup.integrity', params: { findings: report.integrity.slice(0, 5) } });
    }
    const tables = backupStore.tableNames(db);
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) {
      report.problems.push(`not a Partner Workbench workspace (missing tables: ${missing.join(', ')})`);
      report.issues.push({ reason: 'backup.notWorkspace', params: { missing } });
    }
    if (report.schemaVersion < 1) {
      report.problems.push('not a Partner Workbench workspace (no schema version)');
      report.issues.push({ reason: 'backup.noSchemaVersion', params: {} });
    }
    if (report.schemaVersion > appSchemaVersion) {
      report.problems.push(`written by a newer version of the app (schema ${report.schemaVersion}, this app knows ${appSchemaVersion})`);
      report.issues.push({ reason: 'backup.newer', params: { schemaVersion: report.schemaVersion, appSchemaVersion } });
    }
    for (const t of ['partners', 'sales_lines', 'payout_runs', 'evaluation_runs', 'audit_log']) {
      if (tables.has(t)) report.counts[t] = backupStore.rowCount(db, t);
    }
    if (tables.has('audit_log')) report.lastChangeAt = backupStore.lastChangeAt(db);
  } catch (e) {
    report.problems.push(`cannot be read as a SQLite database: ${(e as Error).message}`);
    report.issues.push({ reason: 'backup.unreadable', params: { detail: (e as Error).message, sqliteCode: (e as { code?: string }).code ?? null } });
  } finally {
    db?.close();
  }
  report.ok = report.problems.length === 0;
  return report;
}
