import type { FieldSpec, KindContext, KindRun, RowValues } from './kind';
import { contentHash, occurrenceCounter, partnerLookup, resolvePartner, defineKind } from './kind';
import { kindStatements } from '../store';
import type { feedback } from '../../../../db/schema';

const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code'] },
  { name: 'date', type: 'date', required: true, synonyms: ['日期', '调查日期', '反馈日期', '评价日期', 'Date', 'Survey Date', 'Response Date'] },
  { name: 'score', type: 'number', required: true, synonyms: ['评分', '满意度', '满意度评分', '得分', '分数', 'Score', 'Rating', 'Satisfaction', 'CSAT'] },
  { name: 'comment', type: 'text', synonyms: ['意见', '评论', '备注', '反馈内容', 'Comment', 'Comments', 'Feedback', 'Remarks'] },
  { name: 'responseRef', type: 'text', synonyms: ['问卷编号', '反馈编号', 'Response ID', 'Survey ID'] },
];

/** A satisfaction score as the file gives it: the columns it fills (the drizzle schema's) and the score's text as read. */
type FeedbackRow = Pick<typeof feedback.$inferSelect, 'partnerId' | 'date' | 'score' | 'comment'> & { scoreText: string; responseRef: string | null };

function open(ctx: KindContext): KindRun<FeedbackRow> {
  const partners = partnerLookup(ctx.ws);
  const occurrence = occurrenceCounter();
  const insert = kindStatements.feedbackInsert(ctx.ws);
  return {
    parse(row: RowValues) {
      const partnerId = resolvePartner(row, partners);
      const date = row.date('date', true);
      const scoreText = row.decimal('score', true);
      const score = scoreText === null ? null : Number(scoreText);
      if (score !== null && (score < 1 || score > 5)) row.fail('score', 'scoreOneToFive');
      const comment = row.text('comment', false, 4000);
      const responseRef = row.text('responseRef', false, 100);
      if (row.errors.length || partnerId === null || date === null || score === null || scoreText === null) return null;
      return { partnerId, date, score, scoreText, comment, responseRef };
    },
    write(f) {
      let key: string;
      if (f.responseRef !== null) key = `ref:${f.responseRef}`;
      else {
        const h = contentHash(`${f.partnerId}\u001f${f.date}\u001f${f.scoreText}\u001f${f.comment ?? ''}`);
        key = `row:${h}:${occurrence(h)}`;
      }
      return insert.run(f.partnerId, f.date, f.score, f.comment, key, ctx.importId, ctx.now).changes ? 'inserted' : 'duplicate';
    },
    display: ({ scoreText: _s, ...rest }) => rest,
  };
}

export const feedbackKind = defineKind({ kind: 'feedback', fields, open });
