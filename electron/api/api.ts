import { randomUUID } from 'node:crypto';
import type { Workspace } from '../../db/database';
import { inWriteTransaction } from '../../db/writeLock';
import { contract, isOperationName, type Input, type JobProgress, type OperationName, type Result } from '../contract';
import { ApiError, DomainError, type ApiErrorBody } from '../../shared/errors';
import { writeAudit } from '../domain/audit/writer';
import { createOpContext, type AuditRecord } from '../domain/opContext';
import { backupBeforeOperation, backupInProgress } from '../domain/backups/backupService';
import { refusalOf } from '../domain/integrity/frozenRecords';
import { refuseIfDamaged } from '../domain/system/workspaceHealth';
import { currentUser } from '../domain/system/userProfile';
import { workspaceClock } from '../domain/system/workspaceClock';
import { inlineExecutor, JobRunner, type JobExecutor, type JobFn } from '../jobs/runner';
import type { Clock } from '../../shared/clock';
import type { JobEvent } from '../../shared/jobs';
import type { ApiContext } from './context';
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
  /** The local user profile now (settings 'user.name', else the OS user, unless fixed by ApiOptions.user). */
  readonly user: string;
}

export interface ApiOptions {
  ws: Workspace;
  /**
   * Fixes the user recorded in the audit trail (tests, scripts). Omit it in the app, web server and CLI: the user is
   * then read per call from the local user profile (settings 'user.name', falling back to the OS user).
   */
  user?: string;
  /** Where jobs run; default: this thread. */
  executor?: JobExecutor;
  /**
   * The clock every operation's context reads (tests, `--as-of` scripts: `fixedClock`); default: the workspace clock
   * (setting `company.timeZone`). Jobs in worker threads read the workspace clock in their thread.
   */
  clock?: Clock;
}

/**
 * The job function for an operation, as every executor (inline, worker thread) runs it: a safety backup first when
 * the operation asks for one (`backupBefore`), and refusals (FORBIDDEN, frozen-record triggers) audited as 'refused'.
 */
export const jobHandler = (op: string): JobFn | undefined => {
  if (contract[op as OperationName]?.kind !== 'job') return undefined;
  const fn = handlers[op as OperationName] as unknown as JobFn;
  const backup = contract[op as OperationName].backupBefore === true;
  return async (ctx, input) => {
    if (backup) {
      ctx.progress('backup', 0, 1);
      await backupBeforeOperation(ctx.ws, op);
      ctx.progress('backup', 1, 1);
    }
    try {
      return await fn(ctx, input);
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      writeAudit(ctx.ws.sqlite, ctx.user, { operation: op, after: input, outcome: 'refused', before: refusal.message }, ctx.clock.now());
      throw refusal;
    }
  };
};

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
  const { ws } = options;
  const { clock } = options;
  const runner = new JobRunner(options.executor ?? inlineExecutor(ws, jobHandler, clock));
  const userNow = () => options.user ?? currentUser(ws.sqlite);
  const jobs = { cancel: (id: string) => runner.cancel(id) };
  // Object.assign keeps the context's getters (clock, cancelled) live; a spread would read them once.
  const queryContext = (name: OperationName, user: string): ApiContext =>
    Object.assign(
      createOpContext({
        operation: name,
        ws,
        user,
        clock,
        audit: () => {
          throw new Error(`${name} is a query: it cannot write to the audit trail`);
        },
      }),
      { jobs },
    );

  /** Runs a mutation handler with an audit hook; records the input when the handler recorded nothing itself. */
  function runAudited(name: OperationName, input: unknown, user: string): unknown {
    const handler = handlers[name] as unknown as (ctx: ApiContext, input: unknown) => unknown;
    let audited = false;
    const ctx: ApiContext = Object.assign(
      createOpContext({
        operation: name,
        ws,
        user,
        clock,
        audit(record: AuditRecord) {
          audited = true;
          writeAudit(ws.sqlite, user, { ...record, operation: record.operation ?? name }, ctx.clock.now());
        },
      }),
      { jobs },
    );
    const result = handler(ctx, input);
    if (result instanceof Promise) throw new Error(`Mutation ${name} must be synchronous (it runs in one transaction)`);
    if (!audited) writeAudit(ws.sqlite, user, { operation: name, after: input }, ctx.clock.now());
    return result;
  }

  /**
   * Mutations run in one transaction with their audit record. Exclusive operations (restore) run alone and outside a
   * transaction, audited into the workspace as it is afterwards. Refusals (e.g. changing an approved payout run, in the
   * domain or by an integrity trigger) are rolled back, then recorded.
   */
  async function runMutation(name: OperationName, input: unknown, user: string): Promise<unknown> {
    const exclusive = Boolean(contract[name].exclusive);
    if (exclusive && (runner.activeJobs.length > 0 || backupInProgress(ws.path))) {
      throw new DomainError('Wait until running jobs and backups have finished, then try again', 'CONFLICT', { reason: 'waitForJobs', params: {} });
    }
    try {
      // IMMEDIATE, waiting asynchronously for a running import or another program to release the write lock.
      if (!exclusive) return await inWriteTransaction(ws.sqlite, () => runAudited(name, input, user));
      // A restore swaps the file: the spare job thread (workerExecutor) must not hold the old one open meanwhile.
      const resume = await runner.suspend();
      try {
        if (runner.activeJobs.length > 0 || backupInProgress(ws.path)) {
          throw new DomainError('Wait until running jobs and backups have finished, then try again', 'CONFLICT', { reason: 'waitForJobs', params: {} });
        }
        return runAudited(name, input, user);
      } finally {
        resume();
      }
    } catch (e) {
      const refusal = refusalOf(e);
      if (refusal) writeAudit(ws.sqlite, user, { operation: name, after: input, outcome: 'refused', before: refusal.message }, (clock ?? workspaceClock(ws)).now());
      throw refusal ?? e;
    }
  }

  async function dispatch(rawName: unknown, raw: unknown, options?: CallOptions): Promise<unknown> {
    const { name, input } = validate(rawName, raw);
    const op = contract[name];
    const user = userNow();
    try {
      if (op.kind !== 'query') refuseIfDamaged(ws, name);
      if (op.kind === 'mutation') {
        if (op.backupBefore) await backupBeforeOperation(ws, name);
        return await runMutation(name, input, user);
      }
      if (op.kind === 'query') return await (handlers[name] as unknown as (c: ApiContext, i: unknown) => unknown)(queryContext(name, user), input);
      // Listeners first: an inline job runs its synchronous start before start() returns.
      const jobId = randomUUID();
      const off = options?.onProgress
        ? runner.on((e) => e.type === 'progress' && e.progress.jobId === jobId && options.onProgress!(e.progress))
        : undefined;
      const abort = () => runner.cancel(jobId);
      options?.signal?.addEventListener('abort', abort);
      const { done } = runner.start(name, input, user, (e) => toApiError(name, e, ws.path), jobId);
      try {
        return await done;
      } finally {
        off?.();
        options?.signal?.removeEventListener('abort', abort);
      }
    } catch (e) {
      throw new ApiError(toApiError(name, e, ws.path));
    }
  }

  return {
    ws,
    get user() {
      return userNow();
    },
    send: (name, input, options) => dispatch(name, input, options) as never,
    sendRaw: dispatch,
    startJob(rawName, raw) {
      const { name, input } = validate(rawName, raw);
      if (contract[name].kind !== 'job') {
        throw new ApiError({ code: 'INVALID_INPUT', operation: name, message: `${name} is not a job; call it directly` });
      }
      try {
        refuseIfDamaged(ws, name);
      } catch (e) {
        throw new ApiError(toApiError(name, e, ws.path));
      }
      return { jobId: runner.start(name, input, userNow(), (e) => toApiError(name, e, ws.path)).jobId };
    },
    onJobEvent: (l) => runner.on(l),
  };
}

export type { ApiErrorBody };
