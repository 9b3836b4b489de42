import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { partners, riskActions, risks } from '../../../db/schema';
import { daysBetween } from '../../../shared/clock';
import type { RiskLevel } from '../../../shared/enums';
import { minePredicate } from './mine';
import { getRiskBands, riskLevel } from './riskLevels';

export interface OverdueReview {
  riskId: number;
  code: string;
  title: string;
  owner: string | null;
  partnerCode: string | null;
  nextReviewOn: string;
  daysOverdue: number;
  level: RiskLevel;
}
export interface OverdueAction {
  actionId: number;
  riskId: number;
  code: string;
  title: string;
  description: string;
  owner: string | null;
  dueOn: string;
  daysOverdue: number;
}

/** For the dashboard: reviews past their date and actions past their due date, on risks that are not closed. */
export function overdueRisks(ws: Workspace, asOf: string, channelManagerIds?: number[]): { asOf: string; reviews: OverdueReview[]; actions: OverdueAction[] } {
  const bands = getRiskBands(ws.db);
  const mine = minePredicate(ws, channelManagerIds);
  const reviews = ws.db
    .select({ r: risks, partnerCode: partners.code, managerId: partners.channelManagerId })
    .from(risks)
    .leftJoin(partners, eq(partners.id, risks.partnerId))
    .where(and(ne(risks.status, 'closed'), lt(risks.nextReviewOn, asOf)))
    .all()
    .filter(({ r, managerId }) => mine(managerId ?? null, r.owner))
    .map(({ r, partnerCode }) => ({
      riskId: r.id,
      code: r.code,
      title: r.title,
      owner: r.owner,
      partnerCode: partnerCode ?? null,
      nextReviewOn: r.nextReviewOn!,
      daysOverdue: daysBetween(r.nextReviewOn!, asOf),
      level: riskLevel(r.likelihood * r.impact, bands),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code));
  const actions = ws.db
    .select({ a: riskActions, code: risks.code, title: risks.title, riskOwner: risks.owner, managerId: partners.channelManagerId })
    .from(riskActions)
    .innerJoin(risks, eq(risks.id, riskActions.riskId))
    .leftJoin(partners, eq(partners.id, risks.partnerId))
    .where(and(ne(risks.status, 'closed'), isNull(riskActions.doneOn), lt(riskActions.dueOn, asOf)))
    .all()
    .filter(({ a, riskOwner, managerId }) => mine(managerId ?? null, riskOwner, a.owner))
    .map(({ a, code, title }) => ({
      actionId: a.id,
      riskId: a.riskId,
      code,
      title,
      description: a.description,
      owner: a.owner,
      dueOn: a.dueOn!,
      daysOverdue: daysBetween(a.dueOn!, asOf),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code));
  return { asOf, reviews, actions };
}
