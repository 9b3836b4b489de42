import { ZodError } from 'zod';
import { WorkspaceError } from '../../db/database';
import { WriteLockTimeout } from '../../db/writeLock';
import { ApiError, DomainError, type ApiErrorBody } from '../../shared/errors';
import { JobCancelled } from '../jobs/cancel';

export function zodIssues(e: ZodError): NonNullable<ApiErrorBody['issues']> {
  return e.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
}

const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EROFS', 'ENAMETOOLONG', 'EBUSY', 'EMFILE', 'EINVAL']);

/** Maps anything thrown by a handler to the structured error every transport returns. */
export function toApiError(operation: string, e: unknown): ApiErrorBody {
  if (ApiError.is(e)) return { ...e.body, operation: e.body.operation || operation };
  if (e instanceof ZodError) {
    const issues = zodIssues(e);
    return { code: 'INVALID_INPUT', operation, message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
  }
  if (e instanceof DomainError) return { code: e.code, operation, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) };
  if (e instanceof JobCancelled) return { code: 'CANCELLED', operation, message: e.message };
  if (e instanceof WorkspaceError) return { code: 'DOMAIN', operation, message: e.message };
  if (e instanceof WriteLockTimeout) return { code: 'CONFLICT', operation, message: e.message, data: { busy: true } };
  const err = e as { code?: string; message?: string; syscall?: string; path?: string };
  // A file the user named cannot be read or written (missing folder, no permission, disk full): their problem to fix, not a crash.
  if (typeof err?.code === 'string' && typeof err.syscall === 'string' && FILE_ERRORS.has(err.code)) {
    return { code: 'DOMAIN', operation, message: `File error (${err.code}): ${err.message ?? ''}`, data: { fsCode: err.code, path: err.path ?? null } };
  }
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', operation, message: `Conflicts with existing data: ${err.message}` };
  }
  return { code: 'INTERNAL', operation, message: err?.message ?? String(e) };
}
