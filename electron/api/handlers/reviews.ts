import type { reviewsContract } from '../../contract/reviews';
import { deleteMeeting, getMeeting, listMeetings, openActions, saveMeeting, setActionStatus } from '../../domain/reviews/reviewMeetings';
import { exportReviewPacks } from '../../domain/reviews/reviewExport';
import { workspaceClock } from '../../domain/system/workspaceClock';
import type { HandlerMap } from './types';
import { storedProposals } from '../../domain/reviews/reviewProposals';

export const reviewHandlers: HandlerMap<keyof typeof reviewsContract> = {
  'reviews.meetings.list': ({ ws }, input) => listMeetings(ws, input, workspaceClock(ws).today()),
  'reviews.meetings.get': ({ ws }, { id }) => getMeeting(ws, id, workspaceClock(ws).today()),
  'reviews.meetings.save': ({ ws, user, audit }, input) => {
    const { before, after } = saveMeeting(ws, input, user, workspaceClock(ws).today());
    audit({ entity: 'review_meeting', entityId: after.id, before, after });
    return after;
  },
  'reviews.meetings.delete': ({ ws, audit }, { id }) => {
    const before = deleteMeeting(ws, id, workspaceClock(ws).today());
    audit({ entity: 'review_meeting', entityId: id, before, after: null });
    return { id };
  },
  'reviews.actions.setStatus': ({ ws, audit }, { id, status, note }) => {
    const { before, after } = setActionStatus(ws, id, status, note, workspaceClock(ws).today());
    audit({ entity: 'review_action', entityId: id, before, after });
    return after;
  },
  'reviews.proposals.list': ({ ws }, { partnerId, period, language }) => storedProposals(ws, partnerId, period, language),
  'reviews.export': (ctx, input) => exportReviewPacks(ctx, input),
  'reviews.actions.open': ({ ws }, { partnerId, overdueOnly, asOf, channelManagerIds }) => {
    const today = asOf ?? workspaceClock(ws).today();
    return { asOf: today, actions: openActions(ws, { partnerId, overdueOnly, channelManagerIds }, today) };
  },
};
