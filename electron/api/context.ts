import type { Workspace } from '../../db/database';
import type { AuditEntry } from '../domain/audit';
import type { JobContext } from '../jobs/types';

/** What a query handler gets. */
export interface ApiContext {
  ws: Workspace;
  user: string;
  jobs: { cancel(jobId: string): boolean };
}

/** What a mutation handler gets: it runs inside one transaction, and records what it changed. */
export interface MutationContext extends ApiContext {
  /** Records before/after for the audit trail; without a call the dispatcher records the input. */
  audit(entry: Omit<AuditEntry, 'operation'>): void;
}

export type { JobContext };
