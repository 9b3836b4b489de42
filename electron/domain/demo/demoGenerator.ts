import type { JobContext } from '../../jobs/types';

export interface DemoOptions {
  seed?: number;
  scale?: number;
}

/** Placeholder until the generator lands (being written now). */
export function generateDemo(_ctx: JobContext, _opts: DemoOptions): { partners: number; salesLines: number } {
  throw new Error('demo generator not yet written');
}
