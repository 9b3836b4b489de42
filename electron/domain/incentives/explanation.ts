import { formatMoney } from '../../../shared/money';
import { mdfActivityWord } from '../../../shared/enums';

/**
 * A line's explanation is stored structured ({key, params}) in payout_lines.details.explain and rendered per language;
 * payout_lines.explanation keeps the zh-CN text for plain SQL readers. Amount params are minor units, rates fractions.
 */
export type Lang = 'zh-CN' | 'en';
export interface Explain {
  key:
    | 'rebate'
    | 'rebate.none'
    | 'target'
    | 'target.below'
    | 'target.noTarget'
    | 'spiff.unit'
    | 'spiff.percent'
    | 'growth'
    | 'growth.none'
    | 'growth.noBase'
    | 'rank'
    | 'rank.none'
    | 'adjustment'
    | 'clawback'
    | 'mdf';
  params: Record<string, unknown>;
}

/** A SPIFF's products and categories, stored as the Chinese list (A、B), listed the English way (A, B). */
const itemsEn = (items: unknown) => String(items).split('、').join(', ');

/** A rate as a percentage (0.035 → '3.5 %'); a run names the same few rates on every line, so each is remembered. */
const pctText = new Map<number, string>();
export function pct(r: number): string {
  let text = pctText.get(r);
  if (text === undefined) {
    if (pctText.size > 4096) pctText.clear();
    pctText.set(r, (text = `${Number((r * 100).toFixed(6))} %`));
  }
  return text;
}

/** A run renders the same period for every line: the words of a label are remembered (labels are few). */
const periodWords = new Map<string, string>();

export function periodText(label: string, lang: Lang): string {
  const key = `${lang}|${label}`;
  let text = periodWords.get(key);
  if (text === undefined) {
    if (periodWords.size > 4096) periodWords.clear();
    periodWords.set(key, (text = periodWordsOf(label, lang)));
  }
  return text;
}

function periodWordsOf(label: string, lang: Lang): string {
  if (lang === 'en') return label.replace('-', ' ');
  const m = /^(\d{4})(?:-(\d{2})|-Q(\d)|-H(\d))?$/.exec(label);
  if (!m) return label;
  if (m[2]) return `${m[1]}年${Number(m[2])}月`;
  if (m[3]) return `${m[1]}年第${m[3]}季度`;
  if (m[4]) return `${m[1]}年${m[4] === '1' ? '上' : '下'}半年`;
  return `${m[1]}年`;
}

const BASIS: Record<string, Record<Lang, string>> = {
  revenue: { 'zh-CN': '销售额', en: 'revenue' },
  margin: { 'zh-CN': '毛利', en: 'margin' },
  sellThrough: { 'zh-CN': '动销金额', en: 'sell-through amount' },
};

export function renderExplanation(e: Explain, lang: Lang): string {
  const p = e.params as Record<string, never>;
  const cur = (p.currency as string) ?? 'CNY';
  const m = (v: number) => formatMoney(v, cur);
  const zh = lang === 'zh-CN';
  const per = p.period ? periodText(p.period, lang) : '';
  const basis = BASIS[p.basis as string]?.[lang] ?? (zh ? '销售额' : 'revenue');
  const capped = p.cappedFromMinor != null ? (zh ? `，封顶 ${m(p.capMinor)}（原 ${m(p.cappedFromMinor)}）` : `, capped at ${m(p.capMinor)} (was ${m(p.cappedFromMinor)})`) : '';
  switch (e.key) {
    case 'rebate': {
      if (p.tiering === 'marginal') {
        const slices = (p.slices as Array<{ amountMinor: number; rate: number }>).map((s) => `${m(s.amountMinor)} × ${pct(s.rate)}`).join(' + ');
        return zh
          ? `${per}${basis} ${m(p.basisMinor)} 达到第 ${p.tier} 档（≥ ${m(p.fromMinor)}）：超额累进 ${slices} = ${m(p.amountMinor)}${capped}`
          : `${per} ${basis} ${m(p.basisMinor)} reached tier ${p.tier} (≥ ${m(p.fromMinor)}): marginal ${slices} = ${m(p.amountMinor)}${capped}`;
      }
      return zh
        ? `${per}${basis} ${m(p.basisMinor)} 达到第 ${p.tier} 档（≥ ${m(p.fromMinor)}）：全额累进 ${pct(p.rate)} = ${m(p.amountMinor)}${capped}`
        : `${per} ${basis} ${m(p.basisMinor)} reached tier ${p.tier} (≥ ${m(p.fromMinor)}): ${pct(p.rate)} retroactive = ${m(p.amountMinor)}${capped}`;
    }
    case 'rebate.none':
      if (p.notPositive) {
        return zh
          ? `${per}${basis} ${m(p.basisMinor)} 不为正：无返利（首档 ≥ ${m(p.fromMinor)}）`
          : `${per} ${basis} ${m(p.basisMinor)} is not positive: no rebate (first tier ≥ ${m(p.fromMinor)})`;
      }
      return zh
        ? `${per}${basis} ${m(p.basisMinor)} 未达到首档（≥ ${m(p.fromMinor)}）：无返利`
        : `${per} ${basis} ${m(p.basisMinor)} is below the first tier (≥ ${m(p.fromMinor)}): no rebate`;
    case 'target': {
      const acc = p.accelerated ? (zh ? `，超出 100 % 部分按加速系数 ${p.accelerator}` : `, above 100 % at accelerator ${p.accelerator}`) : '';
      return zh
        ? `${per}${basis} ${m(p.basisMinor)} / 目标 ${m(p.targetMinor)}，达成率 ${pct(p.attainment)}${acc}：奖励 ${m(p.bonusMinor)} × ${pct(p.factor)} = ${m(p.amountMinor)}${capped}`
        : `${per} ${basis} ${m(p.basisMinor)} vs target ${m(p.targetMinor)}, attainment ${pct(p.attainment)}${acc}: bonus ${m(p.bonusMinor)} × ${pct(p.factor)} = ${m(p.amountMinor)}${capped}`;
    }
    case 'target.below':
      return zh
        ? `${per}${basis} ${m(p.basisMinor)} / 目标 ${m(p.targetMinor)}，达成率 ${pct(p.attainment)} 低于门槛 ${pct(p.threshold)}：无奖励`
        : `${per} ${basis} ${m(p.basisMinor)} vs target ${m(p.targetMinor)}, attainment ${pct(p.attainment)} is below the threshold ${pct(p.threshold)}: no bonus`;
    case 'target.noTarget':
      return zh ? `${per}无目标：无奖励` : `No ${per} target: no bonus`;
    case 'spiff.unit':
      return zh
        ? `${p.from} 至 ${p.to} 指定产品 ${p.items} 共 ${p.units} 件 × ${m(p.perUnitMinor)} = ${m(p.amountMinor)}${capped}`
        : `${p.units} units of ${itemsEn(p.items)} from ${p.from} to ${p.to} × ${m(p.perUnitMinor)} = ${m(p.amountMinor)}${capped}`;
    case 'spiff.percent':
      return zh
        ? `${p.from} 至 ${p.to} 指定产品 ${p.items} 销售额 ${m(p.basisMinor)} × ${pct(p.rate)} = ${m(p.amountMinor)}${capped}`
        : `${itemsEn(p.items)} sales ${m(p.basisMinor)} from ${p.from} to ${p.to} × ${pct(p.rate)} = ${m(p.amountMinor)}${capped}`;
    case 'growth': {
      const prev = periodText(p.previousPeriod, lang);
      const base = p.applyTo === 'increment' ? (zh ? `增量 ${m(p.incrementMinor)}` : `increment ${m(p.incrementMinor)}`) : zh ? `${basis} ${m(p.basisMinor)}` : `${basis} ${m(p.basisMinor)}`;
      return zh
        ? `${per}${basis} ${m(p.basisMinor)}，同比（${prev} ${m(p.previousMinor)}）增长 ${pct(p.growth)}，达到第 ${p.tier} 档（≥ ${pct(p.from)}）：${base} × ${pct(p.rate)} = ${m(p.amountMinor)}${capped}`
        : `${per} ${basis} ${m(p.basisMinor)} vs ${prev} ${m(p.previousMinor)}: growth ${pct(p.growth)} reached tier ${p.tier} (≥ ${pct(p.from)}): ${base} × ${pct(p.rate)} = ${m(p.amountMinor)}${capped}`;
    }
    case 'growth.none':
      return zh
        ? `${per}${basis} ${m(p.basisMinor)}，同比（${periodText(p.previousPeriod, lang)} ${m(p.previousMinor)}）增长 ${pct(p.growth)}，未达到首档（≥ ${pct(p.from)}）：无奖励`
        : `${per} ${basis} ${m(p.basisMinor)} vs ${periodText(p.previousPeriod, lang)} ${m(p.previousMinor)}: growth ${pct(p.growth)} is below the first tier (≥ ${pct(p.from)}): no bonus`;
    case 'growth.noBase':
      return zh
        ? `${periodText(p.previousPeriod, lang)}无${basis}（${m(p.previousMinor)}），无法计算同比增长：无奖励`
        : `No ${basis} in ${periodText(p.previousPeriod, lang)} (${m(p.previousMinor)}): growth cannot be measured, no bonus`;
    case 'rank': {
      const group = groupText(p.groupBy, p.group, lang);
      const tie = (p.tiedWith as number) > 1 ? (zh ? `（${p.tiedWith} 家并列）` : ` (tied, ${p.tiedWith} partners)`) : '';
      return zh
        ? `${per}${basis} ${m(p.basisMinor)}，${group}第 ${p.rank} 名${tie}：奖励 ${m(p.amountMinor)}`
        : `${per} ${basis} ${m(p.basisMinor)}: rank ${p.rank}${tie} in ${group}: award ${m(p.amountMinor)}`;
    }
    case 'rank.none': {
      const group = groupText(p.groupBy, p.group, lang);
      if (p.rank == null)
        return zh ? `${per}${basis} ${m(p.basisMinor)} 低于参与排名的最低值 ${m(p.minBasisMinor)}：无奖励` : `${per} ${basis} ${m(p.basisMinor)} is below the ranking minimum ${m(p.minBasisMinor)}: no award`;
      return zh
        ? `${per}${basis} ${m(p.basisMinor)}，${group}第 ${p.rank} 名（奖励前 ${p.awarded} 名）：无奖励`
        : `${per} ${basis} ${m(p.basisMinor)}: rank ${p.rank} in ${group} (top ${p.awarded} awarded): no award`;
    }
    case 'adjustment':
      return zh ? `手工调整：${p.reason}` : `Manual adjustment: ${p.reason}`;
    case 'mdf': {
      const act = mdfActivityWord(p.activityType, lang);
      return zh
        ? `市场费用核销抵扣返利：核销单 #${p.claimId}（基金 ${p.fundCode}，申请 #${p.requestId}，${act}「${p.title}」）${m(p.amountMinor)}`
        : `Market development funds reimbursed with this rebate: claim #${p.claimId} (fund ${p.fundCode}, request #${p.requestId}, ${act} “${p.title}”) ${m(p.amountMinor)}`;
    }
    case 'clawback':
      return zh
        ? `追回 ${periodText(p.period, lang)} 已支付金额（结算批次 #${p.paidRunId}${p.paymentRef ? `，付款参考 ${p.paymentRef}` : ''}）：重算基数 ${m(p.paidBasisMinor)} → ${m(p.newBasisMinor)}，应付 ${m(p.paidAmountMinor)} → ${m(p.newAmountMinor)}${p.alreadyClawedMinor ? `，已追回 ${m(p.alreadyClawedMinor)}` : ''}`
        : `Clawback for ${periodText(p.period, lang)} (paid run #${p.paidRunId}${p.paymentRef ? `, ref ${p.paymentRef}` : ''}): basis recalculated ${m(p.paidBasisMinor)} → ${m(p.newBasisMinor)}, amount ${m(p.paidAmountMinor)} → ${m(p.newAmountMinor)}${p.alreadyClawedMinor ? `, already clawed back ${m(p.alreadyClawedMinor)}` : ''}`;
  }
}

const CHANNEL: Record<string, [string, string]> = {
  direct: ['直销', 'Direct sales'],
  agent: ['代理商', 'Agent'],
  dealer: ['经销商', 'Dealer'],
  distributor: ['分销商', 'Distributor'],
  retail: ['零售商', 'Retailer'],
  ecommerce: ['电商', 'E-commerce'],
  alliance: ['联盟伙伴', 'Alliance partner'],
  telesales: ['电话营销', 'Telesales'],
};
const REGION_EN: Record<string, string> = { 华东: 'East China', 华南: 'South China', 华北: 'North China', 华中: 'Central China', 西南: 'Southwest China', 西北: 'Northwest China', 东北: 'Northeast China' };

export function channelText(code: string, lang: Lang): string {
  return CHANNEL[code]?.[lang === 'zh-CN' ? 0 : 1] ?? code;
}
/** A territory's name in a language: its English name when the territory has one (regionEn), else the standard regions' words. */
export function regionText(region: string | null, lang: Lang, regionEn?: string | null): string {
  if (!region) return lang === 'zh-CN' ? '（无区域）' : '(no region)';
  return lang === 'zh-CN' ? region : (regionEn ?? REGION_EN[region] ?? region);
}

function groupText(groupBy: string, group: string, lang: Lang): string {
  if (groupBy === 'all') return lang === 'zh-CN' ? '全部参与伙伴中' : 'all eligible partners';
  if (groupBy === 'channelType') return lang === 'zh-CN' ? `${channelText(group, lang)}渠道中` : `channel ${channelText(group, lang)}`;
  return lang === 'zh-CN' ? `${regionText(group, lang)}区域中` : `region ${regionText(group, lang)}`;
}
