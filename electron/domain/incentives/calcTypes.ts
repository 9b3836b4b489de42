import type { Workspace } from '../../../db/database';
import type { Period } from '../../../shared/period';
import type { PartnerFacts } from './eligibility';
import type { Explain } from './explanation';
import type { ProgramFile } from '../../model/programs';
import type { PayoutLineRecord } from '../../../db/schema';

/** One calculated line, before it is stored. Amounts in minor units, each rounded once. */
/** A calculated payout line: the columns it fills (the drizzle schema's) and its structured explanation. */
export type CalcLine = Pick<PayoutLineRecord, 'partnerId' | 'basisMinor' | 'attainment' | 'tierReached' | 'rate' | 'amountMinor'> & { explain: Explain };

export interface CalcContext<P extends ProgramFile = ProgramFile> {
  ws: Workspace;
  program: P;
  period: Period;
  /** Sales dates counted: the period clipped to the program's validity. */
  from: string;
  to: string;
  fiscalStartMonth: number;
  eligible: PartnerFacts[];
}

/** Applies the program's per-partner cap (already in minor units) to a rounded amount. */
export function withCap(amountMinor: number, capMinor: number | null, params: Record<string, unknown>): number {
  if (capMinor != null && amountMinor > capMinor) {
    params.cappedFromMinor = amountMinor;
    params.capMinor = capMinor;
    params.amountMinor = capMinor;
    return capMinor;
  }
  params.amountMinor = amountMinor;
  return amountMinor;
}
