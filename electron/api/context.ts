import type { OpContext } from '../domain/opContext';

/**
 * What a query or mutation handler gets: the operation context, plus the job runner of this api (`system.jobs.cancel`).
 * A mutation runs inside one transaction; `audit` records before/after (without a call the input is recorded).
 */
export interface ApiContext extends OpContext {
  jobs: { cancel(jobId: string): boolean };
}

export type { OpContext };
