import type { reviewsContract } from '../../contract/reviews';
import { deleteMeeting, getMeeting, listMeetings, openActions, saveMeeting, setActionStatus } from '../../domain/reviews/reviewMeetings';
import { exportReviewPacks } from '../../domain/reviews/reviewExport';
import type { HandlerMap } from './types';
import { storedProposals } from '../../domain/reviews/reviewProposals';

export const reviewHandlers: HandlerMap<keyof typeof reviewsContract> = {
  'reviews.meetings.list': ({ ws, today }, input) => listMeetings(ws, input, today()),
  'reviews.meetings.get': ({ ws, today }, { id }) => getMeeting(ws, id, today()),
  'reviews.meetings.save': (ctx, input) => {
    const { before, after } = saveMeeting(ctx, input);
    ctx.audit({ entity: 'review_meeting', entityId: after.id, before, after });
    return after;
  },
  'reviews.meetings.delete': ({ ws, today, audit }, { id }) => {
    const before = deleteMeeting(ws, id, today());
    audit({ entity: 'review_meeting', entityId: id, before, after: null });
    return { id };
  },
  'reviews.actions.setStatus': (ctx, { id, status, note }) => {
    const { before, after } = setActionStatus(ctx, id, status, note);
    ctx.audit({ entity: 'review_action', entityId: id, before, after });
    return after;
  },
  'reviews.proposals.list': ({ ws }, { partnerId, period, language }) => storedProposals(ws, partnerId, period, language),
  'reviews.export': (ctx, input) => exportReviewPacks(ctx, input),
  'reviews.actions.open': ({ ws, clock }, { partnerId, overdueOnly, asOf, channelManagerIds }) => {
    const today = asOf ?? clock.today();
    return { asOf: today, actions: openActions(ws, { partnerId, overdueOnly, channelManagerIds }, today) };
  },
};
