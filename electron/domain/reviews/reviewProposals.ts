import type { Workspace } from '../../../db/database';
import type { PackPreviousProposal, PackProposal, ReviewPackLanguage } from '../../model/reviews';
import { reviewStore } from './store';

/**
 * Stores a pack's proposed actions for its partner and period, in both languages (zh and en are the same list, item by
 * item). Proposals already agreed as an action item stay; the others are replaced by this pack's; actions already
 * agreed in this period's meeting (source 'meeting') are not proposals and are not stored.
 */
export function storeProposals(ws: Workspace, partnerId: number, period: string, zh: PackProposal[], en: PackProposal[]): void {
  const proposed = zh.flatMap((p, i) => (p.source === 'meeting' ? [] : [{ source: p.source, textZh: p.text, textEn: en[i]?.text ?? p.text, owner: p.owner, dueOn: p.dueOn }]));
  reviewStore.replaceProposals(ws, partnerId, period, proposed);
}

/**
 * Links the stored proposals of a meeting's partner and period to the meeting's action items whose description is the
 * proposal's text (in either language): the action the proposal became. Runs when a meeting is saved.
 */
export function linkProposals(ws: Workspace, meetingId: number): void {
  reviewStore.linkProposals(ws, meetingId);
}

/** A period's stored proposals in a language, with the status of the action each became (null: not taken up). */
export function storedProposals(ws: Workspace, partnerId: number, period: string, language: ReviewPackLanguage): PackPreviousProposal[] {
  return reviewStore.proposals(ws, partnerId, period).map((r) => ({ period: r.period, text: language === 'zh-CN' ? r.zh : r.en, owner: r.owner, dueOn: r.dueOn, source: r.source, actionStatus: r.status }));
}
