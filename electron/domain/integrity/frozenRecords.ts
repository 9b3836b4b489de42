import { DomainError } from '../../../shared/errors';

/**
 * The integrity triggers (migration `integrity_triggers`) abort writes to frozen money records with
 * `RAISE(ABORT, 'FROZEN: ...')`. Whatever path the write came from (contract, CLI, import, a bug), the dispatcher
 * and the job runner turn that into a FORBIDDEN refusal, which is rolled back and audited as 'refused'.
 */
export const FROZEN_PREFIX = 'FROZEN: ';

export function refusalOf(e: unknown): DomainError | null {
  if (e instanceof DomainError) return e.code === 'FORBIDDEN' ? e : null;
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err.code !== 'string' || typeof err.message !== 'string') return null;
  // Rows mirroring HQ reference data (migration 0017): refused in words, whichever path wrote them.
  const hqRef = /READ_ONLY_HQ: (\w+)/.exec(err.message);
  if (hqRef && err.code.startsWith('SQLITE_CONSTRAINT')) {
    if (hqRef[1] === 'productPrice') return new DomainError("This product's prices come from HQ and cannot be changed here", 'FORBIDDEN', { reason: 'hq.referencePricesReadOnly', params: {} });
    return new DomainError(`This ${hqRef[1]} comes from HQ and cannot be changed here`, 'FORBIDDEN', { reason: 'hq.referenceReadOnly', params: { kind: hqRef[1] } });
  }
  // Any RAISE(ABORT) from a trigger is a refusal by the database's own rules (also the evaluations' 0002 triggers).
  const at = err.message.indexOf(FROZEN_PREFIX);
  if (err.code === 'SQLITE_CONSTRAINT_TRIGGER' || (err.code.startsWith('SQLITE_CONSTRAINT') && at >= 0)) {
    const text = at >= 0 ? err.message.slice(at + FROZEN_PREFIX.length) : err.message;
    return new DomainError(text, 'FORBIDDEN', { reason: 'recordFrozen', params: { record: /plan version/i.test(text) ? 'planVersion' : /payout run|lines/i.test(text) ? 'payoutRun' : 'other' } });
  }
  return null;
}
