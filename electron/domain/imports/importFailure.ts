import { DomainError } from '../../../shared/errors';
import type { RowError, UnknownValue } from '../../model/imports';

/** Nothing was imported: the file cannot be read, or rows have errors and the import is all-or-nothing. */
export class ImportFailure extends DomainError {
  constructor(
    message: string,
    readonly errors: RowError[] = [{ row: null, column: null, value: null, message }],
    readonly counts: { rowsRead: number; rejected: number } = { rowsRead: 0, rejected: errors.length },
    /** Unknown territories / channel managers, once per value with its row count: the wizard offers to create them. */
    readonly unknown: UnknownValue[] = [],
    /** Words for every surface (shared/errorMessages): the app and the CLI say it in the user's language. */
    reason?: { reason: string; params: Record<string, unknown> },
  ) {
    super(message, 'DOMAIN', { errors, ...counts, unknown, ...(reason ?? {}) });
    this.name = 'ImportFailure';
  }
}
