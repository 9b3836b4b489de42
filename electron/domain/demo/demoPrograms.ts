import type { EvaluationCycle, Tier } from '../../../shared/enums';
import type { IncentiveProgramRecord } from '../../../db/schema';

/** Incentive programs in the program-file format (amounts in major units, yuan). */
/** A demo program: the columns it is saved with (the drizzle schema's), all tiered rebates in CNY. */
export type DemoProgram = Pick<IncentiveProgramRecord, 'code' | 'name' | 'periodKind' | 'validFrom' | 'validTo' | 'definition'> & { type: 'tiered_rebate'; currency: 'CNY' };

const program = (p: Omit<DemoProgram, 'definition' | 'type' | 'currency'> & { rest: Record<string, unknown> }): DemoProgram => {
  const { rest, ...head } = p;
  const base = { ...head, type: 'tiered_rebate' as const, currency: 'CNY' as const };
  return { ...base, definition: { code: base.code, name: base.name, type: base.type, periodKind: base.periodKind, currency: base.currency, validFrom: base.validFrom, validTo: base.validTo, ...rest } };
};

/** The three rebate programs of one business year (the year of the demo's last full quarter). */
export const demoPrograms = (year: number): DemoProgram[] => [
  program({
    code: `REB-${year}-Q`,
    name: `${year} 年经销分销季度阶梯返利`,
    periodKind: 'quarter',
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    rest: {
      basis: 'revenue',
      tiering: 'retroactive',
      tiers: [
        { from: 0, rate: 0 },
        { from: 500000, rate: 0.02 },
        { from: 1500000, rate: 0.03 },
        { from: 3000000, rate: 0.04 },
        { from: 6000000, rate: 0.05 },
      ],
      eligibility: { channelTypes: ['dealer', 'distributor', 'agent'], statuses: ['active', 'probation'] },
    },
  }),
  program({
    code: `REB-${year}-H-ONLINE`,
    name: `${year} 年电商零售半年度超额累进返利`,
    periodKind: 'half',
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    rest: {
      basis: 'revenue',
      tiering: 'marginal',
      tiers: [
        { from: 0, rate: 0 },
        { from: 800000, rate: 0.015 },
        { from: 2000000, rate: 0.025 },
        { from: 5000000, rate: 0.035 },
      ],
      eligibility: { channelTypes: ['ecommerce', 'retail'], statuses: ['active'] },
    },
  }),
  program({
    code: `REB-${year}-Y-STRATEGIC`,
    name: `${year} 年战略渠道年度返利`,
    periodKind: 'year',
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    rest: {
      basis: 'revenue',
      tiering: 'retroactive',
      tiers: [
        { from: 0, rate: 0 },
        { from: 20000000, rate: 0.01 },
        { from: 40000000, rate: 0.015 },
        { from: 60000000, rate: 0.02 },
      ],
      eligibility: { tiers: ['strategic'], statuses: ['active'] },
    },
  }),
];

/** Default evaluation schedules: tier 1 quarterly, tier 2 half-yearly, strategic and tier 3 yearly. */
export const SCHEDULES: Array<{ name: string; cycle: EvaluationCycle; tiers: Tier[] }> = [
  { name: '一级渠道季度评估', cycle: 'quarterly', tiers: ['tier1'] },
  { name: '二级渠道半年度评估', cycle: 'half_yearly', tiers: ['tier2'] },
  { name: '战略渠道年度评估', cycle: 'yearly', tiers: ['strategic'] },
  { name: '三级渠道年度评估', cycle: 'yearly', tiers: ['tier3'] },
];
