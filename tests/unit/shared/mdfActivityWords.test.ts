import { describe, expect, it } from 'vitest';
import { cliWord } from '../../../electron/cli/cliTexts';
import { renderExplanation } from '../../../electron/domain/incentives/explanation';
import { MDF_ACTIVITY_TYPES, MDF_ACTIVITY_WORDS, mdfActivityWord } from '../../../shared/enums';
import { errorText } from '../../../shared/errorMessages';

/**
 * The MDF activity types have one set of words (shared/enums.ts MDF_ACTIVITY_WORDS, the MDF page's): the refusals, the
 * payout line's explanation and the CLI say what the page says — 其他 and store promotion, never 其他活动 or promotion.
 */
describe('MDF activity words', () => {
  it('the MDF page’s words, in both languages, for every activity type', () => {
    expect(MDF_ACTIVITY_WORDS.other).toEqual(['其他', 'Other']);
    expect(MDF_ACTIVITY_WORDS.promotion).toEqual(['门店促销', 'Store promotion']);
    for (const a of MDF_ACTIVITY_TYPES) {
      expect(MDF_ACTIVITY_WORDS[a][0], a).toMatch(/[\u4e00-\u9fff]/);
      expect(cliWord('zh-CN', 'mdfActivity', a), a).toBe(MDF_ACTIVITY_WORDS[a][0]);
      expect(cliWord('en', 'mdfActivity', a), a).toBe(MDF_ACTIVITY_WORDS[a][1]);
    }
    expect(mdfActivityWord('co_branded_material', 'en')).toBe('co-branded material');
    expect(mdfActivityWord('unknown_kind', 'zh-CN')).toBe('unknown_kind');
  });

  it('a fund that does not pay for an activity names both as the page does', () => {
    const body = { message: 'x', data: { reason: 'mdfActivityNotCovered', params: { fundCode: 'F1', activity: 'other', activities: ['promotion', 'exhibition'] } } };
    expect(errorText(body, 'zh-CN')).toBe('基金 F1 不资助“其他”（只资助：门店促销、展会）');
    expect(errorText(body, 'en')).toBe('Fund F1 does not pay for other (it pays for store promotion, exhibition)');
  });

  it('a payout line’s MDF explanation uses the same words', () => {
    const explain = { key: 'mdf', params: { claimId: 7, requestId: 3, fundCode: 'F1', activityType: 'promotion', title: '春季促销', currency: 'CNY', amountMinor: 150000 } };
    expect(renderExplanation(explain as never, 'zh-CN')).toBe('市场费用核销抵扣返利：核销单 #7（基金 F1，申请 #3，门店促销「春季促销」）¥1,500.00');
    expect(renderExplanation(explain as never, 'en')).toBe('Market development funds reimbursed with this rebate: claim #7 (fund F1, request #3, store promotion “春季促销”) ¥1,500.00');
    const other = { key: 'mdf', params: { ...explain.params, activityType: 'other' } };
    expect(renderExplanation(other as never, 'zh-CN')).toContain('申请 #3，其他「春季促销」');
    expect(renderExplanation(other as never, 'en')).toContain('request #3, other “春季促销”');
  });
});
