/**
 * The words of an import's row and column errors, in both languages. A check raises a code and its parameters
 * (`ValueError(code, params)`, `row.fail(field, code, params)`); every surface — the wizard's error list and preview,
 * the CLI, the rejected-rows file — renders them in its reader's language with `importErrorText`. The English text is
 * also the error's `message` (logs, the stored import errors of older runs).
 */
export type ImportMessageLanguage = 'zh-CN' | 'en';
type P = Record<string, unknown>;
type T = (p: P) => string;

const s = (v: unknown) => String(v ?? '');
/** What an enumeration is, as the kinds name it. */
const WHAT_ZH: Record<string, string> = {
  tier: '渠道等级',
  status: '状态',
  'partner status': '伙伴状态',
  treatment: '应对措施',
  channelType: '渠道类型',
  'channel type': '渠道类型',
  'risk status': '风险状态',
  'risk category': '风险类别',
  category: '类别',
};
const list = (v: unknown, sep: string) => (Array.isArray(v) ? v.map(String).join(sep) : s(v));

export const IMPORT_MESSAGES = {
  required: { 'zh-CN': (p) => `${s(p.field)}为必填项，但为空`, en: (p) => `${s(p.field)} is required but empty` },
  requiredNullWord: {
    'zh-CN': (p) => `${s(p.field)}为必填项，但文件中写的是“${s(p.word)}”（表示无值）`,
    en: (p) => `${s(p.field)} is required but the file says '${s(p.word)}' (no value)`,
  },
  tooLong: { 'zh-CN': (p) => `超过 ${s(p.max)} 个字符`, en: (p) => `longer than ${s(p.max)} characters` },
  undecodable: { 'zh-CN': () => '含有无法识别的字符（文件编码是否正确？）', en: () => "contains undecodable characters (is the file's encoding right?)" },
  notNumber: { 'zh-CN': () => '不是数字', en: () => 'not a number' },
  groupedNumber: {
    'zh-CN': () => '不是数字（“,”按千位分隔符读取，“.”为小数点）',
    en: () => "not a number (',' is read as a thousands separator; '.' is the decimal point)",
  },
  numberTooLarge: { 'zh-CN': () => '数字过大', en: () => 'number too large' },
  amountPercent: { 'zh-CN': () => '金额不能是百分数', en: () => 'an amount cannot be a percentage' },
  amountTooLarge: { 'zh-CN': () => '金额过大', en: () => 'amount too large' },
  yearOutOfRange: { 'zh-CN': (p) => `年份 ${s(p.year)} 超出范围（1900–2200）`, en: (p) => `year ${s(p.year)} is out of range` },
  noSuchMonth: { 'zh-CN': (p) => `月份 ${s(p.month)} 不存在`, en: (p) => `month ${s(p.month)} does not exist` },
  noSuchDay: { 'zh-CN': (p) => `${s(p.month)} 没有第 ${s(p.day)} 日`, en: (p) => `day ${s(p.day)} does not exist in ${s(p.month)}` },
  notExcelSerial: { 'zh-CN': (p) => `${s(p.serial)} 不是 Excel 日期序号`, en: (p) => `${s(p.serial)} is not an Excel date serial` },
  excelSerial60: { 'zh-CN': () => 'Excel 序号 60 表示 1900 年 2 月 29 日，这一天并不存在', en: () => 'Excel serial 60 is 29 Feb 1900, a day that does not exist' },
  notDate: { 'zh-CN': () => '不是日期', en: () => 'not a date' },
  ambiguousDate: {
    'zh-CN': () => '日期有歧义：日在前还是月在前？请在映射中设置日期格式（DD/MM/YYYY 或 MM/DD/YYYY）',
    en: () => 'ambiguous date: day or month first? Set dateFormat in the mapping (DD/MM/YYYY or MM/DD/YYYY)',
  },
  notDateExpected: {
    'zh-CN': () => '不是日期（应为 2024-03-05、2024/3/5、2024年3月5日 或映射中设置的日期格式）',
    en: () => "not a date (expected e.g. 2024-03-05, 2024/3/5, 2024年3月5日 or the mapping's dateFormat)",
  },
  notYesNo: { 'zh-CN': () => '不是“是/否”（应为 是/否、yes/no、1/0）', en: () => 'not yes/no (expected 是/否, yes/no, 1/0)' },
  notEnumValue: {
    'zh-CN': (p) => `“${s(p.value)}”不是有效的${WHAT_ZH[s(p.what)] ?? s(p.what)}（应为 ${list(p.allowed, '、')} 之一，或在映射的“values”中对应）`,
    en: (p) => `'${s(p.value)}' is not a ${s(p.what)} (expected one of ${list(p.allowed, ', ')}; or map it in the mapping's "values")`,
  },
  notCurrency: { 'zh-CN': (p) => `“${s(p.value)}”不是币种代码（CNY、USD 等）`, en: (p) => `'${s(p.value)}' is not a currency code (CNY, USD, …)` },
  notPeriod: { 'zh-CN': () => '不是期间（应为 2024-03、2024-Q1、2024-H1 或 2024）', en: () => 'not a period (expected 2024-03, 2024-Q1, 2024-H1 or 2024)' },
  unknownPartner: {
    'zh-CN': (p) =>
      Array.isArray(p.alike) && p.alike.length
        ? `未知的伙伴编码“${s(p.code)}”；是否为 ${list(p.alike.map((c) => `“${String(c)}”`), ' 或 ')}？（编码须完全一致，区分大小写）`
        : `未知的伙伴编码“${s(p.code)}”（请先导入渠道伙伴）`,
    en: (p) =>
      Array.isArray(p.alike) && p.alike.length
        ? `unknown partner code '${s(p.code)}'; did you mean ${list(p.alike.map((c) => `'${String(c)}'`), ' or ')}? (codes match exactly, case included)`
        : `unknown partner code '${s(p.code)}' (import the partners first)`,
  },
  partnerDeleted: { 'zh-CN': (p) => `伙伴“${s(p.code)}”已删除，请先恢复`, en: (p) => `partner '${s(p.code)}' is deleted; restore it first` },
  unknownProduct: { 'zh-CN': (p) => `未知的产品“${s(p.value)}”（请先导入产品）`, en: (p) => `unknown product '${s(p.value)}' (import the products first)` },
  ambiguousProduct: { 'zh-CN': (p) => `“${s(p.value)}”对应多个产品，请使用产品编码`, en: (p) => `product '${s(p.value)}' names more than one product; use the product code` },
  scoreOneToFive: { 'zh-CN': () => '满意度评分应在 1 到 5 之间', en: () => 'a satisfaction score is between 1 and 5' },
  wholeOneToFive: { 'zh-CN': () => '应为 1 到 5 的整数', en: () => 'expected a whole number from 1 to 5' },
  scoreZeroToHundred: { 'zh-CN': () => '成绩应在 0 到 100 之间', en: () => 'a score is between 0 and 100' },
  negativeStockQuantity: { 'zh-CN': () => '库存数量不能为负', en: () => 'a stock quantity cannot be negative' },
  negativeStockValue: { 'zh-CN': () => '库存金额不能为负', en: () => 'a stock value cannot be negative' },
  duplicateStockRow: {
    'zh-CN': () => '文件中另有一行的伙伴、日期、产品和仓库与此行相同（请合并数量，或注明仓库）',
    en: () => 'another row of this file has the same partner, date, product and warehouse (sum them, or name the warehouses)',
  },
  negativePrice: { 'zh-CN': () => '价格不能为负', en: () => 'a price cannot be negative' },
  floorAboveList: { 'zh-CN': () => '底价高于目录价', en: () => 'the floor price is above the list price' },
  priceEndsBeforeStart: { 'zh-CN': () => '价格的结束日期早于开始日期', en: () => 'the price ends before it starts' },
  newProductNeedsName: { 'zh-CN': (p) => `产品“${s(p.code)}”是新产品，需要名称`, en: (p) => `product '${s(p.code)}' is new: it needs a name` },
  newPartnerNeedsName: { 'zh-CN': (p) => `新伙伴（${s(p.code)}）需要名称`, en: (p) => `a new partner (${s(p.code)}) needs a name` },
  newPartnerNeedsChannelType: { 'zh-CN': (p) => `新伙伴（${s(p.code)}）需要渠道类型`, en: (p) => `a new partner (${s(p.code)}) needs a channel type` },
  unknownTerritory: { 'zh-CN': (p) => `未知的区域“${s(p.value)}”`, en: (p) => `unknown territory '${s(p.value)}'` },
  unknownChannelManager: { 'zh-CN': (p) => `未知的渠道经理“${s(p.value)}”`, en: (p) => `unknown channel manager '${s(p.value)}'` },
  ambiguousTerritory: { 'zh-CN': (p) => `“${s(p.value)}”对应多个区域，请使用区域编码`, en: (p) => `'${s(p.value)}' names more than one territory; use its code` },
  ambiguousChannelManager: {
    'zh-CN': (p) => `“${s(p.value)}”对应多位渠道经理，请使用其邮箱`,
    en: (p) => `'${s(p.value)}' names more than one channel manager; use their e-mail`,
  },
  returnSigns: {
    'zh-CN': (p) => (p.negative === 'quantity' ? '数量为负而金额为正（退货的数量和金额都应为负）' : '金额为负而数量为正（退货的数量和金额都应为负）'),
    en: (p) =>
      p.negative === 'quantity'
        ? 'negative quantity with a positive amount (a return has both negative)'
        : 'negative amount with a positive quantity (a return has both negative)',
  },
  unknownProvince: {
    'zh-CN': (p) => `“${s(p.value)}”不是区域树中的省份（可写 浙江、浙江省、Zhejiang 或 330000）`,
    en: (p) => `'${s(p.value)}' is not a province of the territory tree (浙江, 浙江省, Zhejiang or 330000)`,
  },
  notMetric: {
    'zh-CN': (p) => `“${s(p.value)}”不是指标（revenue、grossProfit、quantity、orders、newCustomers 等）`,
    en: (p) => `'${s(p.value)}' is not a metric (revenue, grossProfit, quantity, orders, newCustomers, …)`,
  },
  negativeTarget: { 'zh-CN': () => '目标不能为负', en: () => 'a target cannot be negative' },
  unknownCourse: { 'zh-CN': (p) => `未知的课程编码“${s(p.code)}”（请先将课程加入课程目录）`, en: (p) => `unknown course code '${s(p.code)}' (add the course to the catalogue first)` },
  fieldCount: {
    'zh-CN': (p) => `此行有 ${s(p.fields)} 个字段，而表头有 ${s(p.header)} 个（是否多了分隔符或文本未加引号？）`,
    en: (p) => `the row has ${s(p.fields)} fields but the header has ${s(p.header)} (a stray delimiter or an unquoted text?)`,
  },
  noColumnMapped: { 'zh-CN': (p) => `没有映射到 ${list(p.fields, '、')} 的列`, en: (p) => `no column mapped for ${list(p.fields, ', ')}` },
} satisfies Record<string, Record<ImportMessageLanguage, T>>;

export type ImportMessageCode = keyof typeof IMPORT_MESSAGES;

/** The English words of a code (an error's `message`). */
export function importMessage(code: ImportMessageCode, params: P = {}, lang: ImportMessageLanguage = 'en'): string {
  return IMPORT_MESSAGES[code][lang](params);
}

/** A row or column error in `lang`: from its code where it has one, else the schema's words, else as raised. */
export function importErrorText(e: { message: string; code?: string | null; params?: P | null }, lang: ImportMessageLanguage, schemaText?: (message: string) => string | null): string {
  const entry = e.code ? (IMPORT_MESSAGES as Record<string, Record<ImportMessageLanguage, T>>)[e.code] : undefined;
  if (entry) return entry[lang](e.params ?? {});
  return schemaText?.(e.message) ?? e.message;
}
