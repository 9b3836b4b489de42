import type { OpContext } from '../opContext';
import { DomainError } from '../../../shared/errors';
import { updatePartner } from '../partners/partnerRepo';
import { TierDecisionResult } from '../../model/evaluations';
import { tierDecisionStore } from './store';
import { notFound } from '../../../shared/errorMessages';

export interface TierDecisionInput {
  scorecardId: number;
  decision: 'accepted' | 'rejected';
  /** When an accepted change takes effect; default: the day of the decision. */
  effectiveOn?: string;
}

/**
 * Records the user's answer to a scorecard's tier recommendation (one answer per scorecard). Accepting changes the
 * partner's tier (from the recommendation's starting tier only: if the tier was changed meanwhile the answer is refused).
 * Synchronous: runs inside the mutation's transaction, which also writes the audit record.
 */
export function decideTier(ctx: OpContext, input: TierDecisionInput): TierDecisionResult {
  const { ws, user } = ctx;
  const card = tierDecisionStore.scorecard(ws, input.scorecardId);
  if (!card) throw new DomainError(`Scorecard ${input.scorecardId} not found`, 'NOT_FOUND', notFound('scorecard', input.scorecardId));
  if (!card.rec) throw new DomainError('This scorecard has no tier recommendation to decide on', 'DOMAIN', { reason: 'tierNoRecommendation', params: {} });
  const done = tierDecisionStore.decisionOf(ws, card.id);
  if (done) throw new DomainError(`This recommendation was already ${done}`, 'CONFLICT', { reason: 'tierAlreadyDecided', params: { decision: done } });
  const partner = tierDecisionStore.partner(ws, card.partnerId)!;
  if (partner.deletedAt) throw new DomainError('The partner has been deleted', 'CONFLICT', { reason: 'tierPartnerDeleted', params: { code: partner.code } });
  if (input.decision === 'accepted' && partner.tier !== card.tier) {
    throw new DomainError(`The partner's tier changed since the evaluation (now ${partner.tier}, evaluated as ${card.tier})`, 'CONFLICT', {
      reason: 'tierChangedSinceEvaluation',
      params: { code: partner.code, now: partner.tier, evaluated: card.tier },
    });
  }
  const decidedAt = ctx.clock.now().toISOString();
  // The default effective day is today in the workspace's time zone (the one clock), not the UTC day of the timestamp.
  const effectiveOn = input.decision === 'accepted' ? (input.effectiveOn ?? ctx.today()) : null;
  const rec = card.rec;
  const id = tierDecisionStore.insert(ws, { scorecardId: card.id, partnerId: card.partnerId, fromTier: card.tier, toTier: rec, decision: input.decision, effectiveOn, decidedBy: user, decidedAt });
  let after = { tier: partner.tier as string };
  if (input.decision === 'accepted') after = { tier: updatePartner(ctx, card.partnerId, { tier: card.rec }).after.tier };
  return {
    id,
    scorecardId: card.id,
    partnerId: card.partnerId,
    fromTier: card.tier,
    toTier: card.rec,
    decision: input.decision,
    effectiveOn,
    decidedBy: user,
    decidedAt,
    partnerBefore: { tier: partner.tier },
    partnerAfter: after,
  };
}
