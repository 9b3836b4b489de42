import { englishCount } from '../../../shared/englishCount';
import { formatMoney } from '../../../shared/money';
import { riskText } from '../../../shared/riskTexts';
import { addDays } from '../../../shared/period';
import type { PackProposal, ReviewAction, ReviewPackData } from '../../model/reviews';
import { periodText } from '../incentives/explanation';

/** Proposals are due this many days after the pack's day unless the source has its own date. */
const DUE_DAYS = 30;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * This period's proposed actions: the actions already agreed in a meeting about this period, then what the figures
 * call for — a recovery plan when attainment or the forecast is short of the target, a grade that fell, training
 * below compliance and certificates lapsing, open high/critical risks, deals waiting for a decision, carried actions
 * still open past their date, and the next period's target to confirm. In the pack's language.
 */
export function proposeActions(d: Omit<ReviewPackData, 'proposals' | 'proposalsOther'>, agreed: ReviewAction[]): PackProposal[] {
  const zh = d.language === 'zh-CN';
  const w = (z: string, e: string) => (zh ? z : e);
  const owner = d.partner.channelManager;
  const due = addDays(d.today, DUE_DAYS);
  const money = (v: number) => formatMoney(v, d.partner.currency);
  const out: PackProposal[] = agreed.map((a) => ({ text: a.description, owner: a.owner, dueOn: a.dueOn, source: 'meeting' }));
  const t = d.target;
  const shortNow = t.targetMinor != null && t.state === 'complete' && (t.attainment ?? 0) < 1;
  const shortForecast = t.targetMinor != null && t.state === 'in_progress' && (t.forecastAttainment ?? 0) < 1;
  if (shortNow || shortForecast) {
    const p = periodText(d.period.label, d.language);
    const att = pct(shortNow ? t.attainment! : t.forecastAttainment!);
    out.push({
      text: shortNow
        ? w(`制定追赶计划：${p}达成率 ${att}，缺口 ${money(t.gapMinor ?? 0)}`, `Agree a recovery plan: ${p} attainment ${att}, ${money(t.gapMinor ?? 0)} short of target`)
        : w(`制定追赶计划：按当前节奏预计${p}达成率 ${att}`, `Agree a recovery plan: ${p} is forecast to reach ${att} of target at the current run rate`),
      owner,
      dueOn: due,
      source: 'attainment',
    });
  }
  if (d.score && d.previousScore && d.score.grade > d.previousScore.grade) {
    out.push({
      text: w(
        `分析评级下降原因：${d.previousScore.grade} → ${d.score.grade}（健康分 ${d.previousScore.healthScore.toFixed(1)} → ${d.score.healthScore.toFixed(1)}）`,
        `Review why the grade fell from ${d.previousScore.grade} to ${d.score.grade} (health score ${d.previousScore.healthScore.toFixed(1)} → ${d.score.healthScore.toFixed(1)})`,
      ),
      owner,
      dueOn: due,
      source: 'grade',
    });
  }
  if (d.training.compliance != null && d.training.compliance < 1) {
    out.push({
      text: w(
        `完成必修培训：${d.training.valid}/${d.training.required} 门有效`,
        `Complete the required training: ${d.training.valid} of ${d.training.required} courses valid`,
      ),
      owner,
      dueOn: due,
      source: 'training',
    });
  }
  const lapsing = d.training.expiring.filter((c) => c.required);
  if (lapsing.length) {
    const first = lapsing[0].expiresOn;
    out.push({
      text: w(`续期 ${lapsing.length} 张即将到期的必修证书（最早 ${first} 到期）`, `Renew ${englishCount(lapsing.length, 'required certificate', 'required certificates')} expiring soon (first on ${first})`),
      owner,
      dueOn: first < due ? first : due,
      source: 'certificates',
    });
  }
  for (const r of d.risks.filter((x) => x.level === 'high' || x.level === 'critical')) {
    const title = riskText({ title: r.title, description: null, textCode: r.textCode, textParams: r.textParams }, d.language).title;
    out.push({ text: w(`商定风险应对：${r.code} ${title}`, `Agree the treatment of risk ${r.code} ${title}`), owner: r.owner ?? owner, dueOn: r.nextReviewOn ?? due, source: 'risk' });
  }
  for (const x of d.deals.filter((x) => x.status === 'pending' || x.status === 'conflict')) {
    out.push({ text: w(`裁定商机报备：${x.customerName}（${x.productLine}）`, `Decide the deal registration of ${x.customerName} (${x.productLine})`), owner, dueOn: due, source: 'deal' });
  }
  for (const a of d.carriedActions.filter((x) => x.overdue)) {
    out.push({ text: w(`完成逾期行动项：${a.description}`, `Close the overdue action: ${a.description}`), owner: a.owner, dueOn: due, source: 'carried' });
  }
  const c = d.customers;
  if (c && c.lapsed > 0) {
    const names = c.topLapsed.slice(0, 3).map((x) => x.customer).join(zh ? '、' : ', ');
    out.push({
      text: w(
        `挽回 ${c.lapsed} 家流失终端客户（此前 12 个月采购 ${money(c.lapsedAmountMinor)}；${names}）`,
        `Win back ${englishCount(c.lapsed, 'lapsed end customer', 'lapsed end customers')} (${money(c.lapsedAmountMinor)} bought in the 12 months before; ${names})`,
      ),
      owner,
      dueOn: due,
      source: 'customers',
    });
  }
  if (t.next.targetMinor != null) {
    out.push({
      text: w(`确认${periodText(t.next.label, d.language)}目标 ${money(t.next.targetMinor)} 及达成计划`, `Confirm the ${periodText(t.next.label, d.language)} target of ${money(t.next.targetMinor)} and the plan to reach it`),
      owner,
      dueOn: due,
      source: 'target',
    });
  }
  return out;
}
