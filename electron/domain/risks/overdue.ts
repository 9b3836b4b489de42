import type { Workspace } from '../../../db/database';
import { daysBetween } from '../../../shared/clock';
import type { RiskLevel } from '../../../shared/enums';
import { minePredicate } from './mine';
import { getRiskBands, riskLevel } from './riskLevels';
import { riskStore } from './store';
import type { RiskActionRow, RiskRow } from '../../../db/schema';

/** A risk past its review day: its stored columns (the drizzle schema's; a risk the workbench raised reads from its text code, shared/riskTexts `riskText`) with its partner, lateness and level. */
export type OverdueReview = Pick<RiskRow, 'code' | 'title' | 'description' | 'textCode' | 'textParams' | 'owner'> & {
  riskId: RiskRow['id'];
  partnerCode: string | null;
  nextReviewOn: string;
  daysOverdue: number;
  level: RiskLevel;
};
/** A risk action past its due day: its stored columns (the drizzle schema's) with its risk's code and title. */
export type OverdueAction = Pick<RiskActionRow, 'riskId' | 'description' | 'owner'> & {
  actionId: RiskActionRow['id'];
  code: RiskRow['code'];
  title: RiskRow['title'];
  dueOn: string;
  daysOverdue: number;
};

/** For the dashboard: reviews past their date and actions past their due date, on risks that are not closed. */
export function overdueRisks(ws: Workspace, asOf: string, channelManagerIds?: number[]): { asOf: string; reviews: OverdueReview[]; actions: OverdueAction[] } {
  const bands = getRiskBands(ws.db);
  const mine = minePredicate(ws, channelManagerIds);
  const reviews = riskStore
    .reviewsDueBefore(ws, asOf)
    .filter(({ r, managerId }) => mine(managerId ?? null, r.owner))
    .map(({ r, partnerCode }) => ({
      riskId: r.id,
      code: r.code,
      title: r.title,
      description: r.description,
      textCode: r.textCode,
      textParams: r.textParams,
      owner: r.owner,
      partnerCode: partnerCode ?? null,
      nextReviewOn: r.nextReviewOn!,
      daysOverdue: daysBetween(r.nextReviewOn!, asOf),
      level: riskLevel(r.likelihood * r.impact, bands),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code));
  const actions = riskStore
    .actionsDueBefore(ws, asOf)
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
