import type { IssueParams } from './validationMessages';

/** Error codes every transport returns (see README "How it is built"). */
export const ERROR_CODES = ['INVALID_INPUT', 'UNKNOWN_OPERATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'CANCELLED', 'DOMAIN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The structured error every transport returns. */
export interface ApiErrorBody {
  code: ErrorCode;
  operation: string;
  message: string;
  /** Invalid fields: zod's code and parameters travel with each, so every surface words them in the user's language (shared/validationMessages). */
  issues?: Array<{ path: string; message: string; code?: string; params?: IssueParams }>;
  /** Extra structured data (e.g. import row errors). */
  data?: unknown;
}

export class ApiError extends Error {
  readonly body: ApiErrorBody;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
  }
  static is(e: unknown): e is ApiError {
    return e instanceof Error && e.name === 'ApiError' && 'body' in e;
  }
}

/** The codes domain code may raise (the others belong to the dispatcher). */
export type DomainErrorCode = Exclude<ErrorCode, 'INVALID_INPUT' | 'UNKNOWN_OPERATION' | 'INTERNAL'>;

/** Thrown by domain code for errors the user can act on; mapped to ApiError by the dispatcher. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: DomainErrorCode = 'DOMAIN',
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
