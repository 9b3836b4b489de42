import { z } from 'zod';

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

/** Invalidates every query: for operations that can change any area (a restore, an import, its undo, the demo). */
export const EVERY_QUERY = '*';

export interface OperationOptions {
  /** Areas ('partners': every query of the area), operations or operation prefixes ('evaluations.settings'), or EVERY_QUERY. */
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

export { zs } from '../../shared/fields';
