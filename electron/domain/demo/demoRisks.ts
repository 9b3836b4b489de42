import type { ChannelType, PartnerStatus, RiskCategory, RiskStatus, RiskTreatment } from '../../../shared/enums';
import { addDays, relDay, type DemoCalendar } from './calendar';
import type { DemoPartner } from './partnerFactory';
import type { Rng } from './prng';
import type { RiskRow } from '../../../db/schema';

interface RiskTemplate {
  category: RiskCategory;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  residual: [number, number] | null;
  treatment: RiskTreatment | null;
  status: RiskStatus;
  /** Which partner it concerns: a channel type and/or status to look for; null = not about one partner. */
  partner: { channelTypes?: ChannelType[]; statuses?: PartnerStatus[] } | null;
  actions: string[];
}

const T = (t: RiskTemplate) => t;

/** About fifteen risks across all categories, as a channel team would have them on its register. */
const TEMPLATES: RiskTemplate[] = [
  T({ category: 'channel_conflict', title: '经销商跨区域窜货', description: '监测到该经销商在非授权区域低价出货，影响当地经销商价格体系。', likelihood: 4, impact: 4, residual: [2, 3], treatment: 'reduce', status: 'mitigating', partner: { channelTypes: ['dealer'] }, actions: ['核查物流单据与串码流向', '发出书面警告并扣减当季返利'] }),
  T({ category: 'channel_conflict', title: '直销团队与合作伙伴争抢同一客户', description: '重点行业客户同时被直销团队与合作伙伴报备，存在撞单。', likelihood: 3, impact: 3, residual: [2, 2], treatment: 'reduce', status: 'open', partner: { channelTypes: ['alliance', 'agent'] }, actions: ['按商机报备规则确认归属'] }),
  T({ category: 'price_conflict', title: '电商平台低于指导价销售', description: '大促期间店铺页面价格低于建议零售价 15%，线下门店投诉。', likelihood: 4, impact: 3, residual: [3, 2], treatment: 'reduce', status: 'mitigating', partner: { channelTypes: ['ecommerce'] }, actions: ['约谈店铺负责人', '调整大促价格保护政策'] }),
  T({ category: 'price_conflict', title: '零售门店擅自打折清库存', description: '门店为清理旧款库存大幅降价，冲击新品价格。', likelihood: 2, impact: 2, residual: null, treatment: 'accept', status: 'accepted', partner: { channelTypes: ['retail'] }, actions: [] }),
  T({ category: 'credit', title: '应收账款逾期超过 90 天', description: '该伙伴近两个季度回款明显放缓，逾期金额持续上升。', likelihood: 4, impact: 5, residual: [3, 4], treatment: 'reduce', status: 'open', partner: { statuses: ['probation'] }, actions: ['暂停赊销额度', '制定分期还款计划'] }),
  T({ category: 'credit', title: '分销商资金链紧张', description: '该分销商扩张过快，银行授信收紧，存在付款违约可能。', likelihood: 3, impact: 4, residual: [2, 3], treatment: 'transfer', status: 'mitigating', partner: { channelTypes: ['distributor'] }, actions: ['投保应收账款信用保险'] }),
  T({ category: 'market', title: '区域市场需求下滑', description: '当地房地产新开工面积下降，智能门锁工程订单减少。', likelihood: 3, impact: 3, residual: null, treatment: 'accept', status: 'accepted', partner: null, actions: [] }),
  T({ category: 'market', title: '竞品低价进入重点城市', description: '竞争对手以低于我方渠道价 20% 的价格进入当地市场。', likelihood: 4, impact: 3, residual: [3, 3], treatment: 'reduce', status: 'open', partner: { channelTypes: ['dealer', 'retail'] }, actions: ['推出区域专项激励'] }),
  T({ category: 'operational', title: '核心销售人员离职', description: '该伙伴负责我方产品线的销售经理离职，客户交接不完整。', likelihood: 3, impact: 3, residual: [2, 2], treatment: 'reduce', status: 'closed', partner: { channelTypes: ['agent', 'dealer'] }, actions: ['安排新人参加产品认证培训'] }),
  T({ category: 'operational', title: '售后服务网点覆盖不足', description: '地级市以下区域缺少授权服务网点，安装等待时间超过一周。', likelihood: 3, impact: 2, residual: [2, 2], treatment: 'reduce', status: 'mitigating', partner: { channelTypes: ['dealer', 'distributor'] }, actions: ['发展二级服务网点'] }),
  T({ category: 'compliance', title: '培训认证过期未续', description: '该伙伴多名销售人员合规培训证书已过期，仍在对外销售。', likelihood: 3, impact: 4, residual: [1, 3], treatment: 'reduce', status: 'open', partner: { statuses: ['active', 'probation'] }, actions: ['限期完成合规培训复训'] }),
  T({ category: 'compliance', title: '电话营销未取得客户同意', description: '收到消费者投诉，称未经同意多次接到营销电话。', likelihood: 3, impact: 4, residual: [2, 2], treatment: 'avoid', status: 'mitigating', partner: { channelTypes: ['telesales'] }, actions: ['停用未授权号码名单', '话术增加同意确认环节'] }),
  T({ category: 'technical', title: '订单系统接口不稳定', description: '伙伴 ERP 与我方订单接口频繁超时，销售数据延迟上报。', likelihood: 2, impact: 3, residual: [1, 2], treatment: 'reduce', status: 'closed', partner: { channelTypes: ['distributor', 'ecommerce'] }, actions: [] }),
  T({ category: 'supply', title: '大促前备货不足', description: '双十一前主力型号库存低于预测需求 30%，存在断货风险。', likelihood: 4, impact: 4, residual: [2, 3], treatment: 'reduce', status: 'closed', partner: { channelTypes: ['ecommerce'] }, actions: ['提前锁定产能', '调拨华东仓库存'] }),
  T({ category: 'supply', title: '关键芯片交期延长', description: '主控芯片交期延长至 26 周，网络设备供货可能受影响。', likelihood: 3, impact: 4, residual: [3, 3], treatment: 'accept', status: 'accepted', partner: null, actions: [] }),
];

/** A demo risk: the columns it is saved with (the drizzle schema's), every one a person would fill filled, and its actions. */
export type DemoRisk = Pick<
  RiskRow,
  'code' | 'title' | 'category' | 'partnerId' | 'likelihood' | 'impact' | 'residualLikelihood' | 'residualImpact' | 'treatment' | 'status' | 'nextReviewOn' | 'closedAt'
> & {
  description: string;
  owner: string;
  raisedOn: string;
  actions: Array<{ description: string; owner: string; dueOn: string; doneOn: string | null }>;
};

export function buildRisks(rng: Rng, partners: DemoPartner[], cal: DemoCalendar): DemoRisk[] {
  const used = new Set<number>();
  return TEMPLATES.map((t, i) => {
    let partner: DemoPartner | null = null;
    if (t.partner) {
      const want = t.partner;
      const fits = (p: DemoPartner) =>
        p.model.salesFrom !== null &&
        (!want.channelTypes || want.channelTypes.includes(p.row.channelType)) &&
        (!want.statuses || want.statuses.includes(p.row.status));
      const candidates = partners.filter((p) => fits(p) && !used.has(p.id));
      // Small demos may lack a fitting partner: then any partner with sales.
      const pool = candidates.length > 0 ? candidates : partners.filter((p) => p.model.salesFrom !== null);
      partner = pool.length > 0 ? rng.pick(pool) : null;
      if (partner) used.add(partner.id);
    }
    const raisedOn = relDay(cal, -370 + rng.int(0, 330));
    const closed = t.status === 'closed';
    const closedAt = closed ? addDays(raisedOn, rng.int(30, 90)) : null;
    const owner = partner?.row.owner ?? '王磊';
    return {
      code: `R-${String(i + 1).padStart(4, '0')}`,
      title: t.title,
      description: t.description,
      category: t.category,
      partnerId: partner?.id ?? null,
      likelihood: t.likelihood,
      impact: t.impact,
      residualLikelihood: t.residual?.[0] ?? null,
      residualImpact: t.residual?.[1] ?? null,
      owner,
      treatment: t.treatment,
      status: t.status,
      // One open risk in five is a few weeks past its review date; the others are reviewed in the coming weeks.
      nextReviewOn: closed ? null : i % 5 === 1 ? relDay(cal, -rng.int(3, 20)) : relDay(cal, rng.int(1, 75)),
      closedAt,
      raisedOn,
      actions: t.actions.map((description, k) => {
        const dueOn = addDays(raisedOn, 30 * (k + 1) + rng.int(0, 20));
        // Most actions due some time ago are done; the odd one is late, as in any register.
        const late = dueOn < relDay(cal, -30) ? 0.9 : 0.5;
        return { description, owner, dueOn, doneOn: closed || (dueOn < cal.asOf && rng.chance(late)) ? addDays(dueOn, -rng.int(0, 10)) : null };
      }),
    };
  });
}
