import { ZodError } from 'zod';
import { WorkspaceError } from '../../db/database';
import { WriteLockTimeout } from '../../db/writeLock';
import { ApiError, DomainError, type ApiErrorBody } from '../../shared/errors';
import { JobCancelled } from '../../shared/cancel';
import { issueParams, type IssueLike } from '../../shared/validationMessages';

export function zodIssues(e: ZodError): NonNullable<ApiErrorBody['issues']> {
  return e.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message, code: i.code, params: issueParams(i as IssueLike) }));
}

/** What went wrong with a file the user named, in words (the path and the step come with it). */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'does not exist (or its folder does not)',
  ENOTDIR: 'has a part of its path that is not a folder',
  EACCES: 'cannot be accessed: no permission for this user',
  EPERM: 'cannot be accessed: the system does not permit it',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists',
  ENOSPC: 'cannot be written: the disk is full',
  EDQUOT: 'cannot be written: the disk quota is used up',
  EROFS: 'cannot be written: the disk is read-only',
  ENAMETOOLONG: 'has a name that is too long',
  EBUSY: 'is in use by another program',
  EMFILE: 'cannot be opened: too many open files',
  EINVAL: 'is not a valid file name here',
};

/** SQLite failures that are the machine's state, not a bug: the workspace path and the step go into the message. */
const STORAGE_ERRORS: Array<[RegExp, StorageProblem, string]> = [
  [/^SQLITE_FULL/, 'diskFull', 'the disk holding it is full'],
  [/^SQLITE_READONLY/, 'readOnly', 'it is read-only for this user (file, folder or disk)'],
  [/^SQLITE_IOERR/, 'ioError', 'the disk reported a read or write error'],
  [/^SQLITE_CANTOPEN/, 'cannotOpen', 'its file or folder cannot be opened'],
  [/^SQLITE_CORRUPT|^SQLITE_NOTADB/, 'corrupt', 'the file is damaged (run pwb check; restore the latest good backup)'],
];
export type StorageProblem = 'diskFull' | 'readOnly' | 'ioError' | 'cannotOpen' | 'corrupt';

/** Maps anything thrown by a handler to the structured error every transport returns. */
export function toApiError(operation: string, e: unknown, workspacePath?: string): ApiErrorBody {
  if (ApiError.is(e)) return { ...e.body, operation: e.body.operation || operation };
  if (e instanceof ZodError) {
    const issues = zodIssues(e);
    return { code: 'INVALID_INPUT', operation, message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
  }
  if (e instanceof DomainError) return { code: e.code, operation, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) };
  if (e instanceof JobCancelled) return { code: 'CANCELLED', operation, message: e.message };
  if (e instanceof WorkspaceError) {
    // A newer workspace is worded like the CLI words it; the others keep their message (their detail is the system's).
    if (e.code === 'NEWER_VERSION' && e.params.file !== undefined) return { code: 'DOMAIN', operation, message: e.message, data: { reason: 'workspaceNewer', params: e.params } };
    return { code: 'DOMAIN', operation, message: e.message };
  }
  if (e instanceof WriteLockTimeout) return { code: 'CONFLICT', operation, message: e.message, data: { busy: true, reason: 'workspaceBusy', params: { seconds: Math.round(e.waitedMs / 1000) } } };
  const err = e as { code?: string; message?: string; syscall?: string; path?: string };
  // A file the user named cannot be read or written (missing folder, no permission, disk full): their problem to fix, not a crash.
  if (typeof err?.code === 'string' && typeof err.syscall === 'string' && err.code in FILE_ERRORS) {
    const what = err.path ? `${err.path} ${FILE_ERRORS[err.code]}` : `A file ${FILE_ERRORS[err.code]}`;
    return {
      code: 'DOMAIN',
      operation,
      message: `${what} (step: ${operation}, ${err.syscall}); nothing was changed`,
      data: { fsCode: err.code, path: err.path ?? null, syscall: err.syscall, reason: 'fileProblem', params: { fsCode: err.code, path: err.path ?? null, operation } },
    };
  }
  const storage = typeof err?.code === 'string' ? STORAGE_ERRORS.find(([re]) => re.test(err.code!)) : undefined;
  if (storage) {
    const [, problem, why] = storage;
    const where = workspacePath ? `the workspace ${workspacePath}` : 'the workspace';
    return {
      code: 'DOMAIN',
      operation,
      message: `${operation} could not be saved to ${where}: ${why}. Nothing was changed (the transaction was rolled back).`,
      data: { reason: `storage.${problem}`, params: { operation, path: workspacePath ?? '' }, storage: problem, sqliteCode: err.code, path: workspacePath ?? null },
    };
  }
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    const unique = /UNIQUE constraint failed: (.+)$/.exec(err.message ?? '');
    return {
      code: 'CONFLICT',
      operation,
      message: `Conflicts with existing data: ${err.message}`,
      data: { reason: 'dataConflict', params: { operation, columns: unique ? unique[1].split(', ') : null } },
    };
  }
  return { code: 'INTERNAL', operation, message: err?.message ?? String(e) };
}
