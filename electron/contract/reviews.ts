import { z } from 'zod';
import { job, mutation, query, zs } from './operation';
import {
  REVIEW_ACTION_STATUSES,
  openReviewActionsInput,
  reviewExportInput,
  type ReviewExportResult,
  reviewMeetingInput,
  reviewMeetingListInput,
  type PackPreviousProposal,
  type ReviewAction,
  type ReviewMeeting,
  REVIEW_PACK_LANGUAGES,
} from '../model/reviews';

export * from '../model/reviews';

export const reviewsContract = {
  /** Meetings newest first, each with its action items. */
  'reviews.meetings.list': query<ReviewMeeting[]>()(reviewMeetingListInput),
  'reviews.meetings.get': query<ReviewMeeting>()(z.object({ id: zs.id }).strict()),
  /** Create (no id) or update a meeting with its full list of action items. */
  'reviews.meetings.save': mutation<ReviewMeeting>()(reviewMeetingInput, { invalidates: ['reviews'] }),
  'reviews.meetings.delete': mutation<{ id: number }>()(z.object({ id: zs.id }).strict(), { invalidates: ['reviews'] }),
  'reviews.actions.setStatus': mutation<ReviewAction>()(
    z.object({ id: zs.id, status: z.enum(REVIEW_ACTION_STATUSES), note: z.string().trim().max(1000).nullable().optional() }).strict(),
    { invalidates: ['reviews'] },
  ),
  /** Open and in-progress actions, overdue first: the dashboard's list beside overdue risk actions. */
  'reviews.actions.open': query<{ asOf: string; actions: ReviewAction[] }>()(openReviewActionsInput),
  /** The proposed actions the last pack of a partner and period stored, with the action each became (null: not agreed). */
  'reviews.proposals.list': query<PackPreviousProposal[]>()(
    z.object({ partnerId: zs.id, period: zs.period, language: z.enum(REVIEW_PACK_LANGUAGES).default('zh-CN') }).strict(),
  ),
  /** Review pack PDFs for one partner, a list, or every reviewed partner of tiers and/or a territory; progress per pack. */
  'reviews.export': job<ReviewExportResult>()(reviewExportInput, { invalidates: ['audit'] }),
};
