import type { Workspace } from '../../../db/database';
import type { Tier } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { updatePartner } from '../partners/partnerRepo';
import { TierDecisionResult } from '../../model/evaluations';

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
export function decideTier(ws: Workspace, input: TierDecisionInput, user: string, now = new Date()): TierDecisionResult {
  const card = ws.sqlite
    .prepare('select s.id, s.partner_id as partnerId, s.tier, s.tier_recommendation as rec from scorecards s where s.id = ?')
    .get(input.scorecardId) as { id: number; partnerId: number; tier: Tier; rec: Tier | null } | undefined;
  if (!card) throw new DomainError(`Scorecard ${input.scorecardId} not found`, 'NOT_FOUND');
  if (!card.rec) throw new DomainError('This scorecard has no tier recommendation to decide on', 'DOMAIN');
  const done = ws.sqlite.prepare('select decision from tier_decisions where scorecard_id = ?').get(card.id) as { decision: string } | undefined;
  if (done) throw new DomainError(`This recommendation was already ${done.decision}`, 'CONFLICT');
  const partner = ws.sqlite.prepare('select tier, deleted_at as deletedAt from partners where id = ?').get(card.partnerId) as { tier: Tier; deletedAt: string | null };
  if (partner.deletedAt) throw new DomainError('The partner has been deleted', 'CONFLICT');
  if (input.decision === 'accepted' && partner.tier !== card.tier) {
    throw new DomainError(`The partner's tier changed since the evaluation (now ${partner.tier}, evaluated as ${card.tier})`, 'CONFLICT');
  }
  const decidedAt = now.toISOString();
  const effectiveOn = input.decision === 'accepted' ? (input.effectiveOn ?? decidedAt.slice(0, 10)) : null;
  const id = Number(
    ws.sqlite
      .prepare(
        `insert into tier_decisions (scorecard_id, partner_id, from_tier, to_tier, decision, effective_on, decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(card.id, card.partnerId, card.tier, card.rec, input.decision, effectiveOn, user, decidedAt).lastInsertRowid,
  );
  let after = { tier: partner.tier as string };
  if (input.decision === 'accepted') after = { tier: updatePartner(ws, card.partnerId, { tier: card.rec }, user).after.tier };
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
