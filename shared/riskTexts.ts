import { formatMoney } from './money';

/**
 * The words of the risks the workbench raises itself (evaluation rules, channel findings, deal conflicts). Such a risk
 * stores a text code and its parameters (`risks.text_code`, `risks.text_params`) and every surface — the window, grid
 * exports, review packs, the CLI — renders them in its reader's language with `riskText`. The title and description
 * columns keep the zh-CN text for plain SQL readers (as payout lines keep their explanation), and are what a person's
 * own edit replaces: a risk whose title or description a person changed has no text code and reads as typed.
 */
export type RiskTextLanguage = 'zh-CN' | 'en';

export const EVALUATION_RISK_TEXTS = ['revenue_drop', 'low_attainment', 'low_satisfaction', 'expired_certifications', 'low_retention'] as const;
export const CHANNEL_RISK_TEXTS = ['stuffing', 'crossTerritory', 'belowFloor'] as const;
export const RISK_TEXT_CODES = [
  ...EVALUATION_RISK_TEXTS.map((c) => `evaluation.${c}` as const),
  ...CHANNEL_RISK_TEXTS.map((c) => `inventory.${c}` as const),
  'deal.channelConflict',
  'deal.priceConflict',
] as const;
export type RiskTextCode = (typeof RISK_TEXT_CODES)[number];

/** What an evaluation or channel rule measured, per rule; fractions as fractions, money in minor units. */
export type RiskMeasure =
  | { rule: 'revenue_drop'; growth: number; limit: number; yoy: boolean }
  | { rule: 'low_attainment'; attainment: number; limit: number }
  | { rule: 'low_satisfaction'; satisfaction: number; limit: number }
  | { rule: 'expired_certifications'; count: number; limit: number }
  | { rule: 'low_retention'; retention: number; limit: number }
  | {
      rule: 'stuffing';
      periods: Array<{ period: string; sellIn: number | null; sellThrough: number | null; doi: number | null; flagged: boolean }>;
      gapPoints: number;
      doiLimit: number;
    }
  | { rule: 'crossTerritory'; lines: number; located: number; share: number; amountMinor: number; limit: number }
  | { rule: 'belowFloor'; lines: number; priced: number; share: number; gapMinor: number; limit: number };

/**
 * One entry of an auto-risk's description: raised (or still holding) in a period, or cleared there; or re-checked for
 * that period when undoing an import took evidence lines away (`undone`: closed when the finding no longer holds,
 * `measure` null when nothing is left to judge; `data` what the import held when the risk links no evidence lines).
 */
export type RiskTextLine =
  | { kind: 'raised'; period: string; measure: RiskMeasure }
  | { kind: 'cleared'; period: string; measure: RiskMeasure; closed: boolean }
  | { kind: 'undone'; period: string; importId: number; measure: RiskMeasure | null; closed: boolean; data?: UndoneData };

/**
 * What an undone import took away from a signal that links no evidence lines (channel stuffing reads sell-in, sell-through
 * and stock reports): absent for 窜货/乱价, whose words speak of their evidence lines.
 */
export type UndoneData = 'sales' | 'sell-through' | 'inventory';

const UNDONE_DATA: Record<UndoneData, [string, string]> = {
  sales: ['进货明细', 'sell-in lines'],
  'sell-through': ['动销明细', 'sell-through lines'],
  inventory: ['库存上报', 'stock reports'],
};

/** Lines an auto-risk's description keeps (the newest): a signal that comes and goes for years does not grow without end. */
export const MAX_RISK_TEXT_LINES = 12;

export interface DealConflictParty {
  code: string;
  name: string;
}

export interface RiskTextParams {
  /** The partner's code (evaluation and channel risks). */
  partner?: string;
  /** The registered customer's name (deal conflicts). */
  customer?: string;
  lines?: RiskTextLine[];
  /** Deal conflicts: who registered (null = the direct sales team), who holds the customer, the window, a price under the floor. */
  dealId?: number;
  registeredBy?: DealConflictParty | null;
  heldBy?: Array<DealConflictParty | null>;
  windowDays?: number;
  price?: { quotedMinor: number; floorMinor: number; productLine: string } | null;
  /** Text a rule's texts do not cover (a legacy description kept as it was stored). */
  legacy?: string;
}

const TITLES: Record<RiskTextCode, Record<RiskTextLanguage, string>> = {
  'evaluation.revenue_drop': { 'zh-CN': '收入大幅下降', en: 'Revenue down sharply' },
  'evaluation.low_attainment': { 'zh-CN': '目标达成率偏低', en: 'Low target attainment' },
  'evaluation.low_satisfaction': { 'zh-CN': '客户满意度偏低', en: 'Low customer satisfaction' },
  'evaluation.expired_certifications': { 'zh-CN': '必修认证已过期', en: 'Required certifications expired' },
  'evaluation.low_retention': { 'zh-CN': '客户留存率偏低', en: 'Low customer retention' },
  'inventory.stuffing': { 'zh-CN': '压货', en: 'Channel stuffing' },
  'inventory.crossTerritory': { 'zh-CN': '窜货', en: 'Cross-territory selling' },
  'inventory.belowFloor': { 'zh-CN': '乱价', en: 'Selling below the floor price' },
  'deal.channelConflict': { 'zh-CN': '渠道冲突', en: 'Channel conflict' },
  'deal.priceConflict': { 'zh-CN': '价格冲突', en: 'Price conflict' },
};

export const isRiskTextCode = (v: unknown): v is RiskTextCode => typeof v === 'string' && (RISK_TEXT_CODES as readonly string[]).includes(v);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number, digits: number) => x.toFixed(digits);

function measureText(m: RiskMeasure, zh: boolean): string {
  switch (m.rule) {
    case 'revenue_drop':
      return zh
        ? `${m.yoy ? '同比' : '环比'}增长 ${pct(m.growth)}（下限 −${pct(m.limit)}）`
        : `growth ${m.yoy ? 'YoY' : 'QoQ'} ${pct(m.growth)} (limit −${pct(m.limit)})`;
    case 'low_attainment':
      return zh ? `达成率 ${pct(m.attainment)}（下限 ${pct(m.limit)}）` : `attainment ${pct(m.attainment)} (limit ${pct(m.limit)})`;
    case 'low_satisfaction':
      return zh ? `客户满意度 ${num(m.satisfaction, 2)}（下限 ${m.limit}）` : `satisfaction ${num(m.satisfaction, 2)} (limit ${m.limit})`;
    case 'expired_certifications':
      return zh ? `过期认证 ${m.count} 项（达到 ${m.limit} 项即提示）` : `${m.count} expired (limit ${m.limit})`;
    case 'low_retention':
      return zh ? `客户留存率 ${pct(m.retention)}（下限 ${pct(m.limit)}）` : `retention ${pct(m.retention)} (limit ${pct(m.limit)})`;
    case 'stuffing': {
      const periods = m.periods.map((p) => {
        const parts: string[] = [];
        if (p.sellIn !== null && p.sellThrough !== null) parts.push(zh ? `进货增长 ${pct(p.sellIn)}，动销增长 ${pct(p.sellThrough)}` : `sell-in ${pct(p.sellIn)} vs sell-through ${pct(p.sellThrough)}`);
        if (p.doi !== null) parts.push(zh ? `库存天数 ${num(p.doi, 1)}` : `DOI ${num(p.doi, 1)}`);
        return `${p.period}${zh ? '：' : ': '}${parts.join(zh ? '，' : ', ') || '—'}${p.flagged ? ' ✗' : ''}`;
      });
      return zh
        ? `${periods.join('；')}（阈值：相差 ${m.gapPoints} 个百分点，库存天数 ${m.doiLimit} 天）`
        : `${periods.join('; ')} (limits: ${m.gapPoints} points, DOI ${m.doiLimit} days)`;
    }
    case 'crossTerritory':
      return zh
        ? `可定位的 ${m.located} 条动销中 ${m.lines} 条在区域外（${pct(m.share)}，${formatMoney(m.amountMinor)}；上限 ${pct(m.limit)}）`
        : `${m.lines} of ${m.located} located lines outside the territory (${pct(m.share)}, ${formatMoney(m.amountMinor)}; limit ${pct(m.limit)})`;
    case 'belowFloor':
      return zh
        ? `有价格的 ${m.priced} 条动销中 ${m.lines} 条低于底价（${pct(m.share)}，低于底价共 ${formatMoney(m.gapMinor)}；上限 ${pct(m.limit)}）`
        : `${m.lines} of ${m.priced} priced lines below the floor (${pct(m.share)}, ${formatMoney(m.gapMinor)} under the floor; limit ${pct(m.limit)})`;
  }
}

function linesText(lines: RiskTextLine[] | undefined, zh: boolean): string {
  let text = '';
  if (lines) for (let i = 0; i < lines.length; i++) text += i === 0 ? lineText(lines[i], zh) : `\n${lineText(lines[i], zh)}`;
  return text;
}

function lineText(l: RiskTextLine, zh: boolean): string {
  if (l.kind === 'undone') {
    const what = l.measure ? measureText(l.measure, zh) : null;
    if (l.data) {
      const [dataZh, dataEn] = UNDONE_DATA[l.data];
      const found = what ? (zh ? `（${what}）` : ` (${what})`) : '';
      return l.closed
        ? zh
          ? `${l.period}：撤销导入 #${l.importId} 删除了信号所依据的${dataZh}，复核后条件不再成立${found}，已自动关闭。`
          : `${l.period}: undoing import ${l.importId} removed ${dataEn} the signal read; re-checked, the condition no longer holds${found}, closed.`
        : zh
          ? `${l.period}：撤销导入 #${l.importId} 删除了信号所依据的${dataZh}，复核后条件仍成立${found}。`
          : `${l.period}: undoing import ${l.importId} removed ${dataEn} the signal read; re-checked, the condition still holds${found}.`;
    }
    if (l.closed) {
      return zh
        ? `${l.period}：撤销导入 #${l.importId} 删除了证据行${what ? `（${what}）` : ''}，条件不再成立，已自动关闭。`
        : `${l.period}: evidence removed by undoing import ${l.importId}${what ? ` (${what})` : ''}; the condition no longer holds, closed.`;
    }
    return zh
      ? `${l.period}：撤销导入 #${l.importId} 删除了部分证据行，复核后条件仍成立（${what ?? '—'}）。`
      : `${l.period}: some evidence removed by undoing import ${l.importId}; re-checked, the condition still holds (${what ?? '—'}).`;
  }
  const what = measureText(l.measure, zh);
  if (l.kind === 'raised') return zh ? `${l.period}：${what}。由 ${l.period} 的评估自动生成。` : `${l.period}: ${what}. Raised by the evaluation of ${l.period}.`;
  if (l.closed) return zh ? `${l.period}：条件已解除（${what}），已自动关闭。` : `${l.period}: condition cleared (${what}); closed by the evaluation.`;
  return zh ? `${l.period}：条件已解除（${what}），请复核。` : `${l.period}: condition cleared (${what}), please review.`;
}

const party = (p: DealConflictParty | null | undefined, zh: boolean) => (p ? `${p.code} ${p.name}` : zh ? '直销团队' : 'the direct sales team');

function dealText(p: RiskTextParams, zh: boolean): string {
  const lines: string[] = [];
  const customer = p.customer ?? '';
  if (p.heldBy?.length) {
    const who = party(p.registeredBy, zh);
    const others = p.heldBy.map((h) => party(h, zh)).join(zh ? '、' : ', ');
    lines.push(
      zh
        ? `${who} 报备的客户「${customer}」已由 ${others} 报备（${p.windowDays ?? 0} 天内或仍在保护期）。`
        : `Customer “${customer}” registered by ${who} is already registered by ${others} (within ${p.windowDays ?? 0} days or still protected).`,
    );
  }
  if (p.price) {
    lines.push(
      zh
        ? `报价 ${formatMoney(p.price.quotedMinor)} 低于产品线「${p.price.productLine}」的底价 ${formatMoney(p.price.floorMinor)}。`
        : `Quoted price ${formatMoney(p.price.quotedMinor)} is below the floor ${formatMoney(p.price.floorMinor)} of product line “${p.price.productLine}”.`,
    );
  }
  if (p.dealId != null) lines.push(zh ? `商机报备 #${p.dealId}，待经理裁定。` : `Deal registration #${p.dealId} awaits the manager's decision.`);
  return lines.join('\n');
}

/** A stored risk's title and description in `lang`: from its text code where it has one, else as stored. */
export function riskText(
  r: { title: string; description: string | null; textCode?: string | null; textParams?: RiskTextParams | null },
  lang: RiskTextLanguage,
): { title: string; description: string | null } {
  if (!isRiskTextCode(r.textCode)) return { title: r.title, description: r.description };
  const p = r.textParams ?? {};
  const zh = lang === 'zh-CN';
  const head = TITLES[r.textCode][lang];
  const subject = r.textCode.startsWith('deal.') ? p.customer : p.partner;
  const title = subject ? `${head}${zh ? '：' : ': '}${subject}` : head;
  const body = r.textCode.startsWith('deal.') ? dealText(p, zh) : linesText(p.lines, zh);
  // The legacy text, then the body, each only when not empty. Plain concatenation instead of arrays mapped, filtered
  // and joined: this runs for thousands of risks in an evaluation, and the arrays' changing shapes made the engine
  // throw its compiled code away in a run's first changes.
  const description = p.legacy && body ? `${p.legacy}\n${body}` : p.legacy || body || null;
  return { title, description };
}

/** The stored (zh-CN) title and description of a coded risk, for the title and description columns. */
export function storedRiskText(textCode: RiskTextCode, textParams: RiskTextParams): { title: string; description: string | null } {
  const t = riskText({ title: '', description: null, textCode, textParams }, 'zh-CN');
  return { title: t.title.slice(0, 200), description: t.description?.slice(-4000) ?? null };
}
