import { isPeriodLabel } from '../../../../shared/period';
import type { Cell } from '../../../model/imports';
import { excelSerialToDate, ValueError } from '../valueParsers';
import type { FieldSpec, KindContext, KindRun, RowValues } from './kind';
import { changeRecorder, partnerLookup, resolvePartner, defineKind } from './kind';
import { kindStatements } from '../store';
import type { targets } from '../../../../db/schema';

const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code'] },
  { name: 'period', type: 'period', required: true, synonyms: ['期间', '周期', '考核期', '月份', '季度', 'Period', 'Month', 'Quarter'] },
  { name: 'metric', type: 'text', synonyms: ['指标', '目标类型', 'Metric', 'KPI'] },
  { name: 'value', type: 'money', required: true, synonyms: ['目标', '目标值', '目标金额', '销售目标', 'Target', 'Value', 'Target Value', 'Target Amount'] },
];

/** Metrics whose targets are money (stored in minor units); the others are whole numbers. */
export const MONEY_METRICS = new Set(['revenue', 'grossProfit']);
const METRIC_WORDS: Record<string, string> = {
  销售额: 'revenue', 营收: 'revenue', 收入: 'revenue', 销售收入: 'revenue', 金额: 'revenue', revenue: 'revenue', sales: 'revenue',
  毛利: 'grossProfit', 毛利额: 'grossProfit', grossprofit: 'grossProfit', 'gross profit': 'grossProfit',
  数量: 'quantity', 销量: 'quantity', quantity: 'quantity', units: 'quantity',
  订单数: 'orders', orders: 'orders', 新客户: 'newCustomers', 新客户数: 'newCustomers', newcustomers: 'newCustomers', 'new customers': 'newCustomers',
};

/** '2024-03', '2024-Q1', '2024Q1', '2024 Q1', '2024-H1', '2024', '2024年3月', '2024年第1季度', '2024年上半年', a date or serial (its month). */
export function parsePeriodCell(c: Cell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 7);
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 1900 && c <= 2200) return String(c);
    return excelSerialToDate(c).slice(0, 7);
  }
  const s = String(c).normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
  if (s === '') return null;
  let m: RegExpExecArray | null;
  if (isPeriodLabel(s)) return s;
  if ((m = /^(\d{4})[-/.]?Q([1-4])$/.exec(s))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^(\d{4})[-/.]?H([12])$/.exec(s))) return `${m[1]}-H${m[2]}`;
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}`;
  if ((m = /^(\d{4})年(\d{1,2})月$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}`;
  if ((m = /^(\d{4})年?第?([1-4一二三四])季度?$/.exec(s))) return `${m[1]}-Q${'1234一二三四'.indexOf(m[2]) % 4 + 1}`;
  if ((m = /^(\d{4})年?([上下])半年$/.exec(s))) return `${m[1]}-H${m[2] === '上' ? 1 : 2}`;
  if ((m = /^(\d{4})年?$/.exec(s))) return m[1];
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s))) return `${m[1]}-${m[2].padStart(2, '0')}`;
  throw new ValueError('notPeriod');
}

/** A target as the file gives it: the columns it fills (the drizzle schema's). */
type TargetRow = Pick<typeof targets.$inferSelect, 'partnerId' | 'period' | 'metric' | 'value'>;

function open(ctx: KindContext): KindRun<TargetRow> {
  const partners = partnerLookup(ctx.ws);
  const record = changeRecorder(ctx, 'target');
  const { find, insert, update, byId } = kindStatements.targets(ctx.ws);
  return {
    parse(row: RowValues) {
      const partnerId = resolvePartner(row, partners);
      let period: string | null = null;
      try {
        period = parsePeriodCell(row.raw('period'));
        if (period === null) row.fail('period', 'required', { field: 'period' });
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        row.fail('period', e.code, e.params);
      }
      let metric = 'revenue';
      const m = row.text('metric', false, 40);
      if (m !== null) {
        const word = METRIC_WORDS[m.toLowerCase()] ?? METRIC_WORDS[m];
        const mapped = ctx.values.metric?.[m];
        if (mapped) metric = mapped;
        else if (word) metric = word;
        else if (/^[a-z][a-zA-Z0-9_]{0,39}$/.test(m)) metric = m;
        else row.fail('metric', 'notMetric', { value: m });
      }
      const value = MONEY_METRICS.has(metric) ? row.money('value', true) : row.integer('value', true);
      if (value !== null && value < 0) row.fail('value', 'negativeTarget');
      if (row.errors.length || partnerId === null || period === null || value === null) return null;
      return { partnerId, period, metric, value };
    },
    write(t) {
      const before = find.get(t.partnerId, t.period, t.metric);
      if (!before) {
        const info = insert.run(t.partnerId, t.period, t.metric, t.value, ctx.importId, ctx.now);
        record(Number(info.lastInsertRowid), 'insert', { before: null, after: byId.get(info.lastInsertRowid)! });
        return 'inserted';
      }
      if (before.value === t.value) return 'duplicate';
      update.run(t.value, ctx.importId, before.id);
      record(before.id, 'update', { before, after: byId.get(before.id)! });
      return 'updated';
    },
    display: (t) => ({ ...t }),
  };
}

export const targetsKind = defineKind({ kind: 'targets', fields, open });
