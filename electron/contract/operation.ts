import { z } from 'zod';
import { isoDate } from '../../shared/dates';

export { ApiError, DomainError, type ApiErrorBody } from '../../shared/errors';
export type { JobProgress } from '../../shared/jobs';

/**
 * An operation of the contract: its kind, its zod input schema and (as a phantom type) its result.
 * - query: reads, safe to cache and repeat;
 * - mutation: writes (audited, invalidates queries);
 * - job: long work run off the UI thread with progress events and cancel.
 */
export type OperationKind = 'query' | 'mutation' | 'job';

export interface Operation<I extends z.ZodType = z.ZodType, O = unknown, K extends OperationKind = OperationKind> {
  readonly kind: K;
  readonly input: I;
  /** Query-key prefixes a mutation or job makes stale (e.g. ['partners']). */
  readonly invalidates: readonly string[];
  /**
   * Take a safety backup of the workspace (kind `before-<operation>`) before the handler runs; honoured by the
   * dispatcher for mutations and by every job executor (inline and worker thread). Use it for operations that
   * rewrite many rows (imports, bulk undo).
   */
  readonly backupBefore?: boolean;
  /**
   * Runs with no surrounding transaction and no other job running: for operations that replace the workspace
   * file itself (restore). The handler gets `ctx.workspace` to close/swap/reopen; the dispatcher audits afterwards.
   */
  readonly exclusive?: boolean;
  /** Phantom: never set at run time; carries the result type. */
  readonly __result?: O;
}

export interface OperationOptions {
  invalidates?: readonly string[];
  /** See Operation.backupBefore. */
  backupBefore?: boolean;
  /** See Operation.exclusive (mutations only). */
  exclusive?: boolean;
}

function make<K extends OperationKind>(kind: K) {
  return <O>() =>
    <I extends z.ZodType>(input: I, opts: OperationOptions = {}): Operation<I, O, K> => ({
      kind,
      input,
      invalidates: opts.invalidates ?? [],
      ...(opts.backupBefore ? { backupBefore: true } : {}),
      ...(opts.exclusive ? { exclusive: true } : {}),
    });
}

export const query = make('query');
export const mutation = make('mutation');
export const job = make('job');

export type InputOf<Op> = Op extends Operation<infer I, unknown, OperationKind> ? z.input<I> : never;
export type ParsedInputOf<Op> = Op extends Operation<infer I, unknown, OperationKind> ? z.output<I> : never;
export type ResultOf<Op> = Op extends Operation<z.ZodType, infer O, OperationKind> ? O : never;

/** Shared building blocks for input schemas. Every object schema is strict: unknown fields are rejected. */
export const zs = {
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  text: (max = 2000) => z.string().max(max),
  /** A calendar date in the years 1900–2199 (no 2025-02-30: handlers can rely on `new Date(...)` working). */
  isoDate,
  /** '2019-03', '2019-Q1', '2019-H1', '2019' (years 1900–2199) */
  period: z.string().regex(/^(19|20|21)\d{2}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, 'expected a period such as 2019-03, 2019-Q1, 2019-H1 or 2019'),
  minor: z.number().int().min(-9e15).max(9e15),
  filePath: z.string().min(1).max(4096),
};
