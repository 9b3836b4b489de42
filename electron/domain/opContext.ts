import type { Workspace } from '../../db/database';
import { CancelToken } from '../../shared/cancel';
import { fixedClock, type Clock } from '../../shared/clock';
import type { ProgressFn } from '../../shared/jobs';
import { writeAudit, type AuditEntry } from './audit/writer';
import { workspaceClock } from './system/workspaceClock';

/** What a domain function records for the audit trail; the operation is the context's unless stated. */
export interface AuditRecord extends Omit<AuditEntry, 'operation'> {
  /**
   * Record under another operation's name: only for work that is the same act as that operation when it runs inside
   * another one (the demo's evaluation runs are recorded as `evaluations.run`, as if the user had started them).
   */
  operation?: string;
}

/**
 * The one operation context. The dispatcher (createApi) builds one for every operation — query, mutation or job, in
 * process, in a job worker thread or behind the web bridge — and hands it to the handler, which passes it on to the
 * domain. Domain functions take `ctx` instead of (ws, user, progress callbacks, cancel flags) of their own.
 */
export interface OpContext {
  /** The contract operation being served (e.g. `incentives.payouts.calculate`); the default name of its audit records. */
  readonly operation: string;
  readonly ws: Workspace;
  /** Who runs it, as recorded in the audit trail. */
  readonly user: string;
  /** The one clock; "today" is the local calendar day in the workspace's time zone. */
  readonly clock: Clock;
  /** Shorthand for `clock.today()`. */
  today(): string;
  /**
   * Records one audit row in the current transaction (a mutation's, or the one a job opens). A mutation that records
   * nothing gets one row with its input. Queries cannot audit (they do not write).
   */
  audit(record: AuditRecord): void;
  /** Progress of long work (a phase of the `jobs.phases` catalogue, done of total); a no-op outside jobs. */
  readonly progress: ProgressFn;
  /** True once the user cancelled; long loops call `throwIfCancelled()` between chunks instead. */
  readonly cancelled: boolean;
  /** Throws JobCancelled (→ CANCELLED, everything rolled back) if the user cancelled. */
  throwIfCancelled(): void;
}

/**
 * What a write needs of its operation when all it takes from it is the workspace and the instant to stamp (created /
 * updated times): an operation's context is one; an import kind, which carries the instant its run took from the
 * operation's clock, builds one with `stampContext`.
 */
export type StampContext = Pick<OpContext, 'ws'> & { readonly clock: Pick<Clock, 'now'> };
export const stampContext = (ws: Workspace, at: string): StampContext => ({ ws, clock: { now: () => new Date(at) } });

/**
 * What a change of a register (risks, deals) takes from its operation: the workspace, who makes it (its history's
 * "by") and the clock that stamps it (the instant, and the calendar day of a closed or decided date). An operation's
 * context is one. Work that stamps many changes as one moment — an import's rows, an evaluation's pass over channel
 * risks, the demo — passes `changeContextAt(ws, user, at)`: the same, with a clock standing at that instant.
 */
export type ChangeContext = Pick<OpContext, 'ws' | 'user' | 'clock'>;
export function changeContextAt(ws: Workspace, user: string, at: Date, timeZone: string = workspaceClock(ws).timeZone): ChangeContext {
  return { ws, user, clock: fixedClock(at, timeZone) };
}

export interface OpContextOptions {
  operation: string;
  ws: Workspace;
  user: string;
  /** Default: the workspace clock (setting `company.timeZone`), read on first use. */
  clock?: Clock;
  progress?: ProgressFn;
  cancel?: CancelToken;
  /** Default: write the row; queries pass a function that refuses. */
  audit?: (record: AuditRecord) => void;
}

const noProgress: ProgressFn = () => undefined;

/** Builds a context; the dispatcher does this per operation, tests and scripts may call it for direct domain calls. */
export function createOpContext(o: OpContextOptions): OpContext {
  const cancel = o.cancel ?? new CancelToken();
  let clock = o.clock;
  const clockNow = () => (clock ??= workspaceClock(o.ws));
  const audit =
    o.audit ?? ((r: AuditRecord) => writeAudit(o.ws.sqlite, o.user, { ...r, operation: r.operation ?? o.operation }, clockNow().now()));
  return {
    operation: o.operation,
    ws: o.ws,
    user: o.user,
    get clock() {
      return clockNow();
    },
    today: () => clockNow().today(),
    audit,
    progress: o.progress ?? noProgress,
    get cancelled() {
      return cancel.cancelled;
    },
    throwIfCancelled: () => cancel.throwIfCancelled(),
  };
}

/** The same context reporting progress elsewhere (e.g. a step of a larger job mapping its phases into the whole). */
export function withProgress(ctx: OpContext, progress: ProgressFn): OpContext {
  return Object.create(ctx, { progress: { value: progress, enumerable: true } }) as OpContext;
}

/**
 * The same context on another clock for its business dates (what "today" and "now" are to the domain); audit records
 * keep the real time. For work dated as of another day, such as the demo loaded as of a pinned day.
 */
export function withClock(ctx: OpContext, clock: Clock): OpContext {
  return Object.create(ctx, { clock: { value: clock, enumerable: true }, today: { value: () => clock.today(), enumerable: true } }) as OpContext;
}
