import type { Workspace } from '../../../db/database';
import type { ReviewActionStatus } from '../../../shared/enums';
import type { PackPreviousProposal, PackProposal, ReviewPackLanguage } from '../../model/reviews';

/**
 * Stores a pack's proposed actions for its partner and period, in both languages (zh and en are the same list, item by
 * item). Proposals already agreed as an action item stay; the others are replaced by this pack's; actions already
 * agreed in this period's meeting (source 'meeting') are not proposals and are not stored.
 */
export function storeProposals(ws: Workspace, partnerId: number, period: string, zh: PackProposal[], en: PackProposal[]): void {
  ws.sqlite.prepare('delete from review_proposals where partner_id = ? and period = ? and action_id is null').run(partnerId, period);
  const agreed = new Set(
    (ws.sqlite.prepare('select text_zh as t from review_proposals where partner_id = ? and period = ?').all(partnerId, period) as Array<{ t: string }>).map((r) => r.t),
  );
  const insert = ws.sqlite.prepare('insert into review_proposals (partner_id, period, source, text_zh, text_en, owner, due_on) values (?, ?, ?, ?, ?, ?, ?)');
  zh.forEach((p, i) => {
    if (p.source === 'meeting' || agreed.has(p.text)) return;
    insert.run(partnerId, period, p.source, p.text, en[i]?.text ?? p.text, p.owner, p.dueOn);
  });
}

/**
 * Links the stored proposals of a meeting's partner and period to the meeting's action items whose description is the
 * proposal's text (in either language): the action the proposal became. Runs when a meeting is saved.
 */
export function linkProposals(ws: Workspace, meetingId: number): void {
  ws.sqlite
    .prepare(
      `update review_proposals set action_id = (
         select a.id from review_actions a where a.meeting_id = @m and a.description in (review_proposals.text_zh, review_proposals.text_en) order by a.id limit 1)
       where action_id is null
         and (partner_id, period) = (select partner_id, period from review_meetings where id = @m)
         and exists (select 1 from review_actions a where a.meeting_id = @m and a.description in (review_proposals.text_zh, review_proposals.text_en))`,
    )
    .run({ m: meetingId });
}

/** A period's stored proposals in a language, with the status of the action each became (null: not taken up). */
export function storedProposals(ws: Workspace, partnerId: number, period: string, language: ReviewPackLanguage): PackPreviousProposal[] {
  const rows = ws.sqlite
    .prepare(
      `select p.period, p.text_zh as zh, p.text_en as en, p.owner, p.due_on as dueOn, p.source, a.status
       from review_proposals p left join review_actions a on a.id = p.action_id
       where p.partner_id = ? and p.period = ? order by p.id`,
    )
    .all(partnerId, period) as Array<{ period: string; zh: string; en: string; owner: string | null; dueOn: string | null; source: string; status: ReviewActionStatus | null }>;
  return rows.map((r) => ({ period: r.period, text: language === 'zh-CN' ? r.zh : r.en, owner: r.owner, dueOn: r.dueOn, source: r.source, actionStatus: r.status }));
}
