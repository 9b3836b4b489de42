import type { Workspace } from '../../db/database';
import { contract, isOperationName, type Input, type JobProgress, type OperationName, type Result } from '../contract';
import { ApiError, DomainError, type ApiErrorBody } from '../contract/operation';
import { writeAudit, type AuditEntry } from '../domain/audit';
import { inlineExecutor, JobRunner, type JobExecutor, type JobFn } from '../jobs/runner';
import type { JobEvent } from '../jobs/types';
import type { ApiContext, MutationContext } from './context';
import { toApiError, zodIssues } from './errors';
import { handlers } from './handlers';

export interface CallOptions {
  onProgress?: (p: JobProgress) => void;
  signal?: AbortSignal;
}

export interface Api {
  /** Validates, runs and returns; throws ApiError. Jobs resolve when finished. */
  send<K extends OperationName>(name: K, input: Input<K>, options?: CallOptions): Promise<Result<K>>;
  /** Same as send, for untyped input from a transport (IPC, HTTP). */
  sendRaw(name: unknown, input: unknown, options?: CallOptions): Promise<unknown>;
  /** Starts a job and returns at once; progress and the outcome arrive as events. */
  startJob(name: unknown, input: unknown): { jobId: string };
  onJobEvent(listener: (e: JobEvent) => void): () => void;
  readonly ws: Workspace;
  readonly user: string;
}

export interface ApiOptions {
  ws: Workspace;
  /** The local user profile: recorded in the audit trail. */
  user: string;
  /** Where jobs run; default: this thread. */
  executor?: JobExecutor;
}

export const jobHandler = (op: string): JobFn | undefined =>
  contract[op as OperationName]?.kind === 'job' ? (handlers[op as OperationName] as unknown as JobFn) : undefined;

function validate(name: unknown, raw: unknown): { name: OperationName; input: unknown } {
  if (!isOperationName(name)) {
    throw new ApiError({ code: 'UNKNOWN_OPERATION', operation: String(name).slice(0, 100), message: `Unknown operation: ${String(name).slice(0, 100)}` });
  }
  const parsed = contract[name].input.safeParse(raw === undefined ? {} : raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new ApiError({ code: 'INVALID_INPUT', operation: name, message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });
  }
  return { name, input: parsed.data };
}

/** The one handler map behind a transport-agnostic send(name, input). */
export function createApi(options: ApiOptions): Api {
  const { ws, user } = options;
  const runner = new JobRunner(options.executor ?? inlineExecutor(ws, jobHandler));
  const base: ApiContext = { ws, user, jobs: { cancel: (id) => runner.cancel(id) } };

  function runMutation(name: OperationName, input: unknown): unknown {
    const handler = handlers[name] as unknown as (ctx: MutationContext, input: unknown) => unknown;
    try {
      return ws.sqlite.transaction(() => {
        let audited = false;
        const ctx: MutationContext = {
          ...base,
          audit(entry: Omit<AuditEntry, 'operation'>) {
            audited = true;
            writeAudit(ws.sqlite, user, { ...entry, operation: name });
          },
        };
        const result = handler(ctx, input);
        if (result instanceof Promise) throw new Error(`Mutation ${name} must be synchronous (it runs in one transaction)`);
        if (!audited) writeAudit(ws.sqlite, user, { operation: name, after: input });
        return result;
      })();
    } catch (e) {
      // Refusals (e.g. changing an approved payout run) are rolled back, then recorded.
      if (e instanceof DomainError && e.code === 'FORBIDDEN') writeAudit(ws.sqlite, user, { operation: name, after: input, outcome: 'refused', before: e.message });
      throw e;
    }
  }

  async function dispatch(rawName: unknown, raw: unknown, options?: CallOptions): Promise<unknown> {
    const { name, input } = validate(rawName, raw);
    const op = contract[name];
    try {
      if (op.kind === 'mutation') return runMutation(name, input);
      if (op.kind === 'query') return await (handlers[name] as unknown as (c: ApiContext, i: unknown) => unknown)(base, input);
      const { jobId, done } = runner.start(name, input, user, (e) => toApiError(name, e));
      const off = options?.onProgress
        ? runner.on((e) => e.type === 'progress' && e.progress.jobId === jobId && options.onProgress!(e.progress))
        : undefined;
      const abort = () => runner.cancel(jobId);
      options?.signal?.addEventListener('abort', abort);
      try {
        return await done;
      } finally {
        off?.();
        options?.signal?.removeEventListener('abort', abort);
      }
    } catch (e) {
      throw new ApiError(toApiError(name, e));
    }
  }

  return {
    ws,
    user,
    send: (name, input, options) => dispatch(name, input, options) as never,
    sendRaw: dispatch,
    startJob(rawName, raw) {
      const { name, input } = validate(rawName, raw);
      if (contract[name].kind !== 'job') {
        throw new ApiError({ code: 'INVALID_INPUT', operation: name, message: `${name} is not a job; call it directly` });
      }
      return { jobId: runner.start(name, input, user, (e) => toApiError(name, e)).jobId };
    },
    onJobEvent: (l) => runner.on(l),
  };
}

export type { ApiErrorBody };
