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
  territory: '区域',
  metric: '指标',
};
/** Import kinds as the wizard names them (renderer i18n `imports:kinds`). */
const KIND_ZH: Record<string, string> = {
  partners: '合作伙伴', sales: '销售明细', targets: '目标', training: '培训记录', feedback: '满意度反馈', risks: '风险', products: '产品',
  inventory: '库存上报', 'sell-through': '动销/出货',
};
/** A line's differing fields as stored and as given: one field `金额 ¥120.00；本文件为 ¥100.00`, several each named on both sides. */
type Difference = { field: string; stored: string; value: string };
const differencesOf = (p: P): Difference[] => (Array.isArray(p.differences) ? (p.differences as Difference[]) : [{ field: s(p.field), stored: s(p.stored), value: s(p.value) }]);
const differencesZh = (p: P, given: string) => {
  const d = differencesOf(p);
  if (d.length === 1) return `${fieldZh(d[0].field)} ${d[0].stored}；${given} ${d[0].value}`;
  return `${d.map((x) => `${fieldZh(x.field)} ${x.stored}`).join('、')}；${given}${d.map((x) => `${fieldZh(x.field)} ${x.value}`).join('、')}`;
};
const differencesEn = (p: P, given: string) => {
  const d = differencesOf(p);
  if (d.length === 1) return `${fieldEn(d[0].field)} ${d[0].stored}; ${given} ${d[0].value}`;
  return `${d.map((x) => `${fieldEn(x.field)} ${x.stored}`).join(', ')}; ${given} ${d.map((x) => `${fieldEn(x.field)} ${x.value}`).join(', ')}`;
};
const list = (v: unknown, sep: string) => (Array.isArray(v) ? v.map(String).join(sep) : s(v));
/** Stored codes an unknown one equals once a spreadsheet's dropped leading zeros are put back (123 → 00123). */
const zerosOf = (p: P): string[] => (Array.isArray(p.zeros) ? p.zeros.map(String) : []);
const quotedZh = (codes: string[]) => list(codes.map((c) => `“${c}”`), ' 或 ');
const quotedEn = (codes: string[]) => list(codes.map((c) => `'${c}'`), ' or ');
const DROPPED_ZEROS_ZH = '（表格软件把编码当作数字，去掉了开头的 0；请把该列设为“文本”格式后重新导出，或在编码前补 0）';
const DROPPED_ZEROS_EN = '(a spreadsheet read the code as a number and dropped its leading zeros; format the column as Text and export again, or put the zeros back)';

/**
 * The import kinds' target fields as people read them (the wizard's words, renderer i18n `imports:fields`; a test
 * holds the two alike). A message names a field by its label, never by its name in the mapping (`partnerCode`).
 */
export const IMPORT_FIELD_WORDS: Record<string, [zh: string, en: string]> = {
  partnerCode: ['伙伴编码', 'Partner code'], date: ['日期', 'Date'], orderRef: ['订单号', 'Order no.'], lineRef: ['行号', 'Line reference'],
  product: ['产品', 'Product'], category: ['品类', 'Category'], quantity: ['数量', 'Quantity'], amount: ['金额', 'Amount'], cost: ['成本', 'Cost'],
  profit: ['毛利', 'Profit'], customerRef: ['终端客户', 'End customer'], currency: ['币种', 'Currency'], code: ['编码', 'Code'], name: ['名称', 'Name'],
  nameEn: ['英文名称', 'English name'], channelType: ['渠道类型', 'Channel type'], tier: ['渠道级别', 'Tier'], region: ['大区', 'Region'],
  province: ['省份', 'Province'], city: ['城市', 'City'], status: ['状态', 'Status'], owner: ['负责人', 'Owner'], contactName: ['联系人', 'Contact'],
  phone: ['电话', 'Phone'], email: ['邮箱', 'Email'], address: ['地址', 'Address'], creditCode: ['统一社会信用代码', 'Unified social credit code'],
  joinedOn: ['加入日期', 'Joined on'], notes: ['备注', 'Notes'], period: ['期间', 'Period'], metric: ['指标', 'Metric'], value: ['目标值', 'Target value'],
  trainee: ['学员', 'Trainee'], courseCode: ['课程编码', 'Course code'], completedOn: ['完成日期', 'Completed on'], score: ['成绩/评分', 'Score'],
  passed: ['是否通过', 'Passed'], certificateNo: ['证书编号', 'Certificate no.'], comment: ['意见', 'Comment'], responseRef: ['问卷编号', 'Response ID'],
  title: ['风险名称', 'Title'], description: ['描述', 'Description'], likelihood: ['可能性', 'Likelihood'], impact: ['影响程度', 'Impact'],
  residualLikelihood: ['剩余可能性', 'Residual likelihood'], residualImpact: ['剩余影响程度', 'Residual impact'], treatment: ['应对措施', 'Treatment'],
  nextReviewOn: ['下次复核日期', 'Next review'], nameZh: ['中文名称', 'Chinese name'], productLine: ['产品线', 'Product line'], unit: ['单位', 'Unit'],
  floorPrice: ['底价（控价）', 'Floor price'], listPrice: ['指导价', 'List price'], validFrom: ['生效日期', 'Valid from'], validTo: ['失效日期', 'Valid to'],
  warehouse: ['仓库', 'Warehouse'], customerName: ['客户名称', 'Customer name'], customerProvince: ['客户省份', 'Customer province'],
  customerCity: ['客户城市', 'Customer city'],
};
const fieldWord = (v: unknown, lang: ImportMessageLanguage) => IMPORT_FIELD_WORDS[s(v)]?.[lang === 'zh-CN' ? 0 : 1] ?? s(v);
const fieldZh = (v: unknown) => fieldWord(v, 'zh-CN');
const fieldEn = (v: unknown) => fieldWord(v, 'en');
const fieldsZh = (v: unknown) => (Array.isArray(v) ? v.map(fieldZh).join('、') : fieldZh(v));
const fieldsEn = (v: unknown) => (Array.isArray(v) ? v.map(fieldEn).join(', ') : fieldEn(v));
const ENCODING_WORDS: Record<string, string> = { utf8: 'UTF-8', utf16le: 'UTF-16 LE', utf16be: 'UTF-16 BE', gb18030: 'GB18030' };
const encodingWord = (v: unknown) => ENCODING_WORDS[s(v)] ?? s(v);
const LEGACY_ZH: Record<string, string> = { ods: 'OpenDocument（.ods）', xls: 'Excel 97–2003 / WPS（.xls、.et）' };
const LEGACY_EN: Record<string, string> = { ods: 'OpenDocument (.ods)', xls: 'Excel 97–2003 / WPS (.xls, .et)' };
const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : s(v));
/** Why a file could not be opened, as the system said it (ENOENT …), in words. */
const CANNOT_READ_ZH: Record<string, string> = { missing: '文件不存在或已被移走', denied: '没有读取该文件的权限', notFile: '这不是一个文件（是文件夹？）', busy: '文件正被其他程序占用' };
const CANNOT_READ_EN: Record<string, string> = { missing: 'the file does not exist or was moved', denied: 'no permission to read the file', notFile: 'this is not a file (a folder?)', busy: 'another program holds the file' };
const SAVE_AS_XLSX_ZH = '请用 Excel、WPS 或 LibreOffice 打开，另存为 .xlsx（文件 → 另存为 → Excel 工作簿）';

export const IMPORT_MESSAGES = {
  required: { 'zh-CN': (p) => `${fieldZh(p.field)}为必填项，但为空`, en: (p) => `${fieldEn(p.field)} is required but empty` },
  requiredNullWord: {
    'zh-CN': (p) => `${fieldZh(p.field)}为必填项，但文件中写的是“${s(p.word)}”（表示无值）`,
    en: (p) => `${fieldEn(p.field)} is required but the file says '${s(p.word)}' (no value)`,
  },
  tooLong: { 'zh-CN': (p) => `超过 ${s(p.max)} 个字符`, en: (p) => `longer than ${s(p.max)} characters` },
  // Stored errors of imports from before migration 0032 (line numbers counted within each order were refused then).
  lineNumberPerOrder: {
    'zh-CN': (p) =>
      `行号“${s(p.lineRef)}”在本文件中也用于订单“${s(p.order)}”的一行：行号只在每个订单内编号时无法区分明细（第二个订单的第 ${s(p.lineRef)} 行会被当作重复而不导入）。请把“行号”映射为不导入（按内容区分明细），或导出跨订单唯一的明细号`,
    en: (p) =>
      `line reference '${s(p.lineRef)}' is also used by a line of order '${s(p.order)}' in this file: line numbers counted within each order cannot tell lines apart (the second order's line ${s(p.lineRef)} would be skipped as a duplicate); map Line reference to 'not imported' (lines are then told apart by their content) or export a line ID unique across orders`,
  },
  lineNumberWithoutOrder: {
    'zh-CN': (p) =>
      `行号“${s(p.lineRef)}”在本文件中已用于该伙伴的另一条明细，且这些行没有订单号：行号只在每个订单内编号时，须有订单号才能区分明细（否则除第一条外都会被当作重复而不导入）。请同时映射“订单号”列，或把“行号”映射为不导入（按内容区分明细）`,
    en: (p) =>
      `line reference '${s(p.lineRef)}' is already used by another line of this partner in this file, and these rows have no order number: line numbers counted within each order tell lines apart only with their order (otherwise all but the first would be skipped as duplicates); map the Order no. column too, or map Line reference to 'not imported' (lines are then told apart by their content)`,
  },
  // A re-exported line (same order and line reference) whose values differ from the stored one (issue 16): not a quiet duplicate.
  changedDuplicate: {
    'zh-CN': (p) =>
      `${p.order ? `订单 ${s(p.order)} ` : ''}行 ${s(p.lineRef)} 已由导入 ${s(p.importId)} 写入，${differencesZh(p, '本文件为')}。要采用新值，请先撤销导入 ${s(p.importId)}（或用“替换”）`,
    en: (p) =>
      `${p.order ? `order ${s(p.order)} ` : ''}line ${s(p.lineRef)} was already imported by import ${s(p.importId)} with ${differencesEn(p, 'this file has')}. To take the new value, undo import ${s(p.importId)} first (or use Replace)`,
  },
  // Two copies of one line (same order and line reference) within one file with other values: the later one's error.
  changedWithinFile: {
    'zh-CN': (p) =>
      `${p.order ? `订单 ${s(p.order)} ` : ''}行 ${s(p.lineRef)} 已出现在本文件第 ${s(p.row)} 行，${differencesZh(p, '本行为')}。同一明细不能有两种值：请更正或删除其中一行`,
    en: (p) =>
      `${p.order ? `order ${s(p.order)} ` : ''}line ${s(p.lineRef)} is already in row ${s(p.row)} of this file with ${differencesEn(p, 'this row has')}. One line cannot have two values: correct or delete one of the two rows`,
  },
  // The order is part of a line's identity: a row without one whose line reference the partner has stored with an order
  // (the order column mapped in an earlier import and not in this one) would be stored a second time.
  lineStoredWithOrder: {
    'zh-CN': (p) =>
      `行号“${s(p.lineRef)}”已存在于该伙伴之前导入的订单“${s(p.order)}”中${p.importId != null ? `（导入 #${s(p.importId)}）` : ''}，而本行没有订单号：明细以订单号 + 行号识别，按此导入会把同一明细再记一次。请映射“订单号”列后再导入，或把“行号”映射为不导入（按内容区分明细）`,
    en: (p) =>
      `line reference '${s(p.lineRef)}' is already stored for this partner in order '${s(p.order)}'${p.importId != null ? ` (import ${s(p.importId)})` : ''}, and this row has no order number: a line is known by its order and line reference, so it would be stored a second time; map the Order no. column and import again, or map Line reference to 'not imported' (lines are then told apart by their content)`,
  },
  numberCellTooLong: {
    'zh-CN': () => '是超过 15 位的数字单元格：表格软件只保留 15 位有效数字，末尾几位已丢失。请把该列设为“文本”格式后重新导出',
    en: () => 'is a number cell of more than 15 digits: spreadsheets keep 15 significant digits, so its last digits are lost; format the column as Text and export again',
  },
  numberTextScientific: {
    'zh-CN': () => '是表格软件以科学计数法显示的长数字（如 2.02611E+17）：末尾几位已丢失，不同的单号或编码会被读成同一个。请把该列设为“文本”格式后重新保存，或直接导入系统导出的原始文件',
    en: () => 'is a long number written in scientific notation, as a spreadsheet shows it (2.02611E+17): its last digits are lost, so different numbers or codes would read as one; format the column as Text and save again, or import the original export',
  },
  undecodable: { 'zh-CN': () => '含有无法识别的字符（文件编码是否正确？）', en: () => "contains undecodable characters (is the file's encoding right?)" },
  notNumber: { 'zh-CN': () => '不是数字', en: () => 'not a number' },
  groupedNumber: {
    'zh-CN': () => '不是数字（“,”按千位分隔符读取，“.”为小数点）',
    en: () => "not a number (',' is read as a thousands separator; '.' is the decimal point)",
  },
  numberTooLarge: { 'zh-CN': () => '数字过大', en: () => 'number too large' },
  amountPercent: { 'zh-CN': () => '金额不能是百分数', en: () => 'an amount cannot be a percentage' },
  quantityPercent: { 'zh-CN': () => '数量不能是百分数', en: () => 'a quantity cannot be a percentage' },
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
  notYesNo: { 'zh-CN': () => '不是“是/否”（应为“是/否”“1/0”或“yes/no”）', en: () => 'not yes/no (expected 是/否, yes/no, 1/0)' },
  notEnumValue: {
    'zh-CN': (p) => `“${s(p.value)}”不是有效的${WHAT_ZH[s(p.what)] ?? s(p.what)}（应为 ${list(p.allowedZh ?? p.allowed, '、')} 之一，或在映射的“值对应”中设置）`,
    en: (p) => `'${s(p.value)}' is not a ${s(p.what)} (expected one of ${list(p.allowed, ', ')}; or map it in the mapping's "values")`,
  },
  notCurrency: { 'zh-CN': (p) => `“${s(p.value)}”不是币种代码（CNY、USD 等）`, en: (p) => `'${s(p.value)}' is not a currency code (CNY, USD, …)` },
  notPeriod: { 'zh-CN': () => '不是期间（应为 2024-03、2024-Q1、2024-H1 或 2024）', en: () => 'not a period (expected 2024-03, 2024-Q1, 2024-H1 or 2024)' },
  unknownPartner: {
    'zh-CN': (p) =>
      zerosOf(p).length
        ? `未知的伙伴编码“${s(p.code)}”；是否为 ${quotedZh(zerosOf(p))}？${DROPPED_ZEROS_ZH}`
        : Array.isArray(p.alike) && p.alike.length
          ? `未知的伙伴编码“${s(p.code)}”；是否为 ${list(p.alike.map((c) => `“${String(c)}”`), ' 或 ')}？（编码须完全一致，区分大小写）`
          : `未知的伙伴编码“${s(p.code)}”（请先导入渠道伙伴）`,
    en: (p) =>
      zerosOf(p).length
        ? `unknown partner code '${s(p.code)}'; did you mean ${quotedEn(zerosOf(p))}? ${DROPPED_ZEROS_EN}`
        : Array.isArray(p.alike) && p.alike.length
          ? `unknown partner code '${s(p.code)}'; did you mean ${list(p.alike.map((c) => `'${String(c)}'`), ' or ')}? (codes match exactly, case included)`
          : `unknown partner code '${s(p.code)}' (import the partners first)`,
  },
  partnerDeleted: { 'zh-CN': (p) => `伙伴“${s(p.code)}”已删除，请先恢复`, en: (p) => `partner '${s(p.code)}' is deleted; restore it first` },
  unknownProduct: {
    'zh-CN': (p) => (zerosOf(p).length ? `未知的产品“${s(p.value)}”；是否为 ${quotedZh(zerosOf(p))}？${DROPPED_ZEROS_ZH}` : `未知的产品“${s(p.value)}”（请先导入产品）`),
    en: (p) => (zerosOf(p).length ? `unknown product '${s(p.value)}'; did you mean ${quotedEn(zerosOf(p))}? ${DROPPED_ZEROS_EN}` : `unknown product '${s(p.value)}' (import the products first)`),
  },
  ambiguousProduct: { 'zh-CN': (p) => `“${s(p.value)}”对应多个产品，请使用产品编码`, en: (p) => `product '${s(p.value)}' names more than one product; use the product code` },
  scoreOneToFive: { 'zh-CN': () => '满意度评分应在 1 到 5 之间', en: () => 'a satisfaction score is between 1 and 5' },
  wholeOneToFive: { 'zh-CN': () => '应为 1 到 5 的整数', en: () => 'expected a whole number from 1 to 5' },
  scoreZeroToHundred: { 'zh-CN': () => '成绩应在 0 到 100 之间', en: () => 'a score is between 0 and 100' },
  negativeStockQuantity: { 'zh-CN': () => '库存数量不能为负', en: () => 'a stock quantity cannot be negative' },
  negativeStockValue: { 'zh-CN': () => '库存金额不能为负', en: () => 'a stock value cannot be negative' },
  duplicateStockRow: {
    'zh-CN': (p) => `${p.row ? `本文件第 ${s(p.row)} 行` : '文件中另有一行'}的伙伴、日期、产品和仓库与此行相同（请合并数量，或注明仓库）`,
    en: (p) => `${p.row ? `row ${s(p.row)} of this file has` : 'another row of this file has'} the same partner, date, product and warehouse (sum them, or name the warehouses)`,
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
    'zh-CN': (p) => `“${s(p.value)}”不是区域树中的省份（可写“浙江”“浙江省”“Zhejiang”或“330000”）`,
    en: (p) => `'${s(p.value)}' is not a province of the territory tree (浙江, 浙江省, Zhejiang or 330000)`,
  },
  notMetric: {
    'zh-CN': (p) => `“${s(p.value)}”不是指标（应为 销售额、毛利、销量、订单数、新客户数 等）`,
    en: (p) => `'${s(p.value)}' is not a metric (revenue, grossProfit, quantity, orders, newCustomers, …)`,
  },
  negativeTarget: { 'zh-CN': () => '目标不能为负', en: () => 'a target cannot be negative' },
  unknownCourse: { 'zh-CN': (p) => `未知的课程编码“${s(p.code)}”（请先将课程加入课程目录）`, en: (p) => `unknown course code '${s(p.code)}' (add the course to the catalogue first)` },
  fieldCount: {
    'zh-CN': (p) => `此行有 ${s(p.fields)} 个字段，而表头有 ${s(p.header)} 个（是否多了分隔符或文本未加引号？）`,
    en: (p) => `the row has ${s(p.fields)} fields but the header has ${s(p.header)} (a stray delimiter or an unquoted text?)`,
  },
  noColumnMapped: { 'zh-CN': (p) => `没有映射到${fieldsZh(p.fields)}的列`, en: (p) => `no column mapped for ${fieldsEn(p.fields)}` },

  // The file refused as a whole (ImportFailure): nothing is imported, with --accept-valid too.
  fileEmpty: { 'zh-CN': () => '文件是空的（0 字节）', en: () => 'the file is empty' },
  noRows: {
    'zh-CN': (p) => (p.sheet ? '工作表中没有任何行（工作表是空的）' : '文件中没有任何行'),
    en: (p) => (p.sheet ? 'the sheet has no rows' : 'the file has no rows'),
  },
  noDataRows: { 'zh-CN': () => '表头之后没有数据行（文件只有表头）', en: () => 'no data rows after the header' },
  binaryContent: {
    'zh-CN': (p) => `含有二进制或无法解码的内容（按 ${encodingWord(p.encoding)} 读取，字节 ${s(p.bytes)}）：这可能不是 CSV 或 Excel 文件，或文件编码不对`,
    en: (p) => `binary or undecodable content (bytes ${s(p.bytes)}); is the encoding right?`,
  },
  badCharacter: {
    'zh-CN': (p) =>
      `第 ${s(p.at)} 个字符${p.what === 'undecodable' ? '是按文件编码无法解码的字节' : `是控制字符（U+${s(p.char)}，二进制数据）`}：文件可能已损坏，或不是文本文件`,
    en: (p) =>
      `holds ${p.what === 'undecodable' ? "bytes that are not valid text in the file's encoding" : `a control character (U+${s(p.char)}: binary data)`} at character ${s(p.at)}; the file may be damaged or not a text file`,
  },
  quoteNotClosed: {
    'zh-CN': () => '带引号的字段没有结束引号（文件不完整，或缺少一个引号）',
    en: () => 'a quoted field is never closed (the file is truncated or a quote is missing)',
  },
  badClosingQuote: { 'zh-CN': () => '带引号的字段中的引号须写两次（""）', en: () => 'a quote inside a quoted field must be doubled ("")' },
  badOpeningQuote: {
    'zh-CN': () => '字段中间出现引号（请给整个字段加上引号，并把其中的引号写两次：""）',
    en: () => 'a quote inside a field that does not start with one (quote the whole field and double the quote: "")',
  },
  recordTooLong: {
    'zh-CN': (p) => `此行超过 ${num(p.max)} 个字符（是否缺少结束引号？）`,
    en: (p) => `the row is longer than ${num(p.max)} characters (a missing closing quote?)`,
  },
  unknownEncoding: {
    'zh-CN': (p) => `未知的编码“${s(p.value)}”（可选 UTF-8、UTF-16 LE、UTF-16 BE 或 GB18030）`,
    en: (p) => `Unknown encoding '${s(p.value)}' (use utf8, utf16le, utf16be or gb18030)`,
  },
  cannotRead: {
    'zh-CN': (p) => `无法读取文件：${CANNOT_READ_ZH[s(p.why)] ?? '读取时出错，请检查文件是否完整、能否用其他程序打开'}`,
    en: (p) => `cannot read the file (${CANNOT_READ_EN[s(p.why)] ?? s(p.detail)})`,
  },
  notXlsx: {
    'zh-CN': () => `不是可读取的 XLSX 工作簿（文件可能已损坏）：${SAVE_AS_XLSX_ZH}`,
    en: (p) => `not a readable XLSX workbook (${s(p.detail)})`,
  },
  notLegacyWorkbook: {
    'zh-CN': (p) => `不是可读取的 ${LEGACY_ZH[s(p.format)] ?? s(p.format)} 工作簿：${SAVE_AS_XLSX_ZH}`,
    en: (p) => `not a readable ${LEGACY_EN[s(p.format)] ?? s(p.format)} workbook (${s(p.detail)}). Open it in Excel, WPS or LibreOffice and save it as .xlsx`,
  },
  legacyTooLarge: {
    'zh-CN': (p) => `${LEGACY_ZH[s(p.format)] ?? s(p.format)} 工作簿有 ${s(p.mib)} MiB，这类文件须整个读入，上限为 ${s(p.limitMib)} MiB：${SAVE_AS_XLSX_ZH}`,
    en: (p) =>
      `a ${LEGACY_EN[s(p.format)] ?? s(p.format)} workbook of ${s(p.mib)} MiB; these are read whole and the limit is ${s(p.limitMib)} MiB. Open it in Excel, WPS or LibreOffice and save it as .xlsx (File → Save As → Excel Workbook)`,
  },
  partTooLarge: {
    'zh-CN': (p) => `工作簿的部件 ${s(p.part)} 解压后有 ${s(p.mib)} MiB，上限为 ${s(p.limitMib)} MiB（文件可能已损坏）`,
    en: (p) => `the part ${s(p.part)} is ${s(p.mib)} MiB once unpacked; the limit is ${s(p.limitMib)} MiB`,
  },
  sheetTooLarge: {
    'zh-CN': (p) => `工作表解压后有 ${s(p.mib)} MiB，上限为 ${s(p.limitMib)} MiB：请把数据分成几个文件导入`,
    en: (p) => `the sheet is ${s(p.mib)} MiB once unpacked; the limit is ${s(p.limitMib)} MiB`,
  },
  sharedStringsTooLarge: {
    'zh-CN': (p) => `工作簿的共享文本解压后有 ${s(p.mib)} MiB，上限为 ${s(p.limitMib)} MiB：请把数据分成几个文件导入`,
    en: (p) => `its shared strings are ${s(p.mib)} MiB once unpacked; the limit is ${s(p.limitMib)} MiB`,
  },
  sharedStringTooLong: {
    'zh-CN': (p) => `第 ${s(p.index)} 个共享文本超过 ${num(p.max)} 个字符（Excel 的上限）`,
    en: (p) => `shared string ${s(p.index)} is longer than ${s(p.max)} characters`,
  },
  tooManySharedStrings: {
    'zh-CN': (p) => `工作簿的共享文本超过 ${num(p.max)} 条（上限）：请把数据分成几个文件导入`,
    en: (p) => `it has more than ${num(p.max)} shared strings (the limit)`,
  },
  sharedStringsTooManyChars: {
    'zh-CN': (p) => `工作簿的共享文本共超过 ${num(p.max)} 个字符（上限）：请把数据分成几个文件导入`,
    en: (p) => `its shared strings hold more than ${num(p.max)} characters (the limit)`,
  },
  tooManyColumns: {
    'zh-CN': (p) => `有一行的单元格超出了第 ${s(p.column)} 列（Excel 的上限）`,
    en: (p) => `a row has a cell beyond column ${s(p.column)} (the limit)`,
  },
  tooManyRows: {
    'zh-CN': (p) => `工作表超过 ${num(p.max)} 行（上限）：请把数据分成几个文件导入`,
    en: (p) => `the sheet has more than ${num(p.max)} rows (the limit)`,
  },
  cellTooLong: {
    'zh-CN': (p) => `单元格超过 ${num(p.max)} 个字符（Excel 的上限）`,
    en: (p) => `the cell holds more than ${num(p.max)} characters (Excel's limit)`,
  },
  badSharedStringRef: {
    'zh-CN': () => '单元格引用的共享文本不存在（工作簿已损坏）：' + SAVE_AS_XLSX_ZH,
    en: (p) => s(p.detail) || 'the cell refers to a shared string that does not exist',
  },
  sheetUnreadable: {
    'zh-CN': () => `工作表无法读取（文件可能已损坏）：${SAVE_AS_XLSX_ZH}`,
    en: (p) => `cannot be read (${s(p.detail)})`,
  },
  noSuchSheet: {
    'zh-CN': (p) => `没有名为“${s(p.sheet)}”的工作表（工作表：${Array.isArray(p.sheets) && p.sheets.length ? list(p.sheets, '、') : '无'}）`,
    en: (p) => `has no sheet named '${s(p.sheet)}' (sheets: ${Array.isArray(p.sheets) && p.sheets.length ? list(p.sheets, ', ') : 'none'})`,
  },
  noWorksheets: { 'zh-CN': () => '工作簿中没有工作表', en: () => 'has no worksheets' },
  mappingOtherKind: {
    'zh-CN': (p) => `这个映射用于“${KIND_ZH[s(p.mapping)] ?? s(p.mapping)}”导入，而不是“${KIND_ZH[s(p.kind)] ?? s(p.kind)}”`,
    en: (p) => `The mapping is for ${s(p.mapping)}, not ${s(p.kind)}`,
  },
  notAField: {
    'zh-CN': (p) => `映射中的“${s(p.field)}”不是${KIND_ZH[s(p.kind)] ?? s(p.kind)}导入的字段${p.where === 'values' ? '（“值对应”中）' : p.where === 'defaults' ? '（“空单元格的默认值”中）' : ''}`,
    en: (p) =>
      p.where
        ? `'${s(p.field)}' in "${s(p.where)}" is not a field of ${s(p.kind)} imports`
        : `'${s(p.field)}' is not a field of ${s(p.kind)} imports (fields: ${list(p.fields, ', ')})`,
  },
  columnNotInFile: {
    'zh-CN': (p) => `文件中没有列“${s(p.column)}”（映射给${fieldZh(p.field)}；文件的列：${list(p.columns, '、')}）`,
    en: (p) => `column '${s(p.column)}' (for ${s(p.field)}) is not in ${s(p.fileName)} (its columns: ${list(p.columns, ', ')})`,
  },
  valuesNotMap: { 'zh-CN': (p) => `映射中${fieldZh(p.field)}的“值对应”应是文件值到代码值的对应表`, en: (p) => `"values.${s(p.field)}" must map file values to code values` },
  missingColumns: {
    'zh-CN': (p) => `文件中没有必填字段${fieldsZh(p.fields)}的列（文件的列：${list(p.columns, '、')}）：请在映射中为其选择一列`,
    en: (p) => {
      const f = Array.isArray(p.fields) ? p.fields : [];
      return `no column for the required field${f.length > 1 ? 's' : ''} ${list(f, ', ')} in ${s(p.fileName)} (its columns: ${list(p.columns, ', ')}); map ${f.length > 1 ? 'them' : 'it'} in the mapping's "columns"`;
    },
  },
  replaceOtherKind: {
    'zh-CN': (p) => `导入 ${s(p.id)} 是“${KIND_ZH[s(p.kind)] ?? s(p.kind)}”导入，不是“${KIND_ZH[s(p.expected)] ?? s(p.expected)}”，不能用这个文件替换`,
    en: (p) => `Import ${s(p.id)} is a ${s(p.kind)} import, not ${s(p.expected)}; it cannot be replaced by this file`,
  },
  fileChanged: { 'zh-CN': () => '文件在导入过程中被修改，因此没有导入任何数据：请重新导入', en: () => 'the file changed while it was being imported, so nothing was imported: import it again' },

  // One line per unknown territory / channel manager, with the rows that name it (the wizard offers to create them).
  unknownValueRows: {
    'zh-CN': (p) => `未知的${p.what === 'territory' ? '区域' : '渠道经理'}“${s(p.value)}”（${s(p.rows)} 行）：请改为已有的${p.what === 'territory' ? '区域' : '渠道经理'}，或新建`,
    en: (p) => `unknown ${p.what === 'territory' ? 'territory' : 'channel manager'} '${s(p.value)}' (${s(p.rows)} ${Number(p.rows) === 1 ? 'row' : 'rows'}): map it to an existing one, or create it`,
  },

  // A row refused only when written (RowRejected): the register's own rules.
  residualPair: {
    'zh-CN': () => '剩余可能性和剩余影响程度须同时填写（或都不填）',
    en: () => 'Residual likelihood and residual impact are given together (or both left empty)',
  },
  residualAboveInherent: { 'zh-CN': () => '剩余风险分值不能高于固有风险分值', en: () => 'The residual score cannot be higher than the inherent score' },
  riskCodeTaken: { 'zh-CN': (p) => `风险编号 ${s(p.code)} 已被使用`, en: (p) => `Risk code ${s(p.code)} is already used` },
  registerRefused: {
    'zh-CN': () => '风险登记册拒绝了此行（请检查各字段是否与表单的要求一致）',
    en: (p) => s(p.detail) || 'the risk register refused this row',
  },
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

/** Where in a file an error is: `sales.csv, sheet '数据', row 3, column 'Amount'` / `sales.csv，工作表“数据”，第 3 行，列“Amount”`. */
export interface ImportWhere {
  fileName?: string | null;
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  /** A workbook cell's address (B3), where the column has no header. */
  cell?: string | null;
  value?: string | null;
}

export function importWhereText(at: ImportWhere, lang: ImportMessageLanguage): string {
  const zh = lang === 'zh-CN';
  const parts = [
    at.fileName ? s(at.fileName) : null,
    at.sheet ? (zh ? `工作表“${at.sheet}”` : `sheet '${at.sheet}'`) : null,
    at.row != null ? (zh ? `第 ${at.row} 行` : `row ${at.row}`) : null,
    at.column ? (zh ? `列“${at.column}”` : `column '${at.column}'`) : at.cell ? (zh ? `单元格 ${at.cell}` : `cell ${at.cell}`) : null,
    at.value ? (zh ? `值“${at.value.slice(0, 80)}”` : `value '${at.value.slice(0, 80)}'`) : null,
  ].filter((x): x is string => x !== null);
  return parts.join(zh ? '，' : ', ');
}

/** A coded problem: what ImportFailure carries in `data.problems` (a file refused as a whole). */
export interface ImportProblem {
  code: string;
  params?: P | null;
}

/** A whole file refused (the error banner, the CLI): where, then each problem, in `lang`. */
export function importRefusalText(p: ImportWhere & { problems?: readonly ImportProblem[] | null }, lang: ImportMessageLanguage): string {
  const where = importWhereText({ ...p, value: null }, lang);
  const what = (p.problems ?? []).map((x) => importErrorText({ message: x.code, code: x.code, params: x.params ?? {} }, lang)).join(lang === 'zh-CN' ? '；' : '; ');
  return where ? `${where}${lang === 'zh-CN' ? '：' : ': '}${what}` : what;
}

/** One row error with its place (the refusal's "first" error, a history's list): `第 3 行，列“Amount”，值“x”：不是数字`. */
export function importErrorLine(fileName: string | null, e: { row: number | null; column: string | null; value: string | null; message: string; code?: string | null; params?: P | null }, lang: ImportMessageLanguage, schemaText?: (message: string) => string | null): string {
  const where = importWhereText({ fileName, row: e.row, column: e.column, value: e.value }, lang);
  const text = importErrorText(e, lang, schemaText);
  return where ? `${where}${lang === 'zh-CN' ? '：' : ': '}${text}` : text;
}

/** Rows a file's reader skipped as not data (electron/model/imports.ts `SkippedRows`): titles above the header, total rows. */
export interface SkippedRowsWords {
  titles: ReadonlyArray<{ row: number; text: string }>;
  totals: number;
  totalRows: ReadonlyArray<{ row: number; text: string }>;
}

/** How many skipped rows a sentence names by row and text (the rest are counted). */
const SKIPPED_NAMED = 3;

/**
 * What the reader skipped, in `lang` — the import's result, the wizard and the CLI say it, so a title or a 合计 row is
 * never left out silently: `Skipped 1 title row above the header (row 1: 库存周报) and 1 total row (row 2,045: 合计)` /
 * `已跳过表头上方的 1 行标题（第 1 行：库存周报）和 1 行合计行（第 2,045 行：合计）` (a number after a Chinese word
 * takes a space before it, as 第 3 行 does). Null when nothing was skipped.
 */
export function skippedRowsText(skipped: SkippedRowsWords | null | undefined, lang: ImportMessageLanguage): string | null {
  if (!skipped || (skipped.titles.length === 0 && skipped.totals === 0)) return null;
  const zh = lang === 'zh-CN';
  const num = (n: number) => n.toLocaleString('en-US');
  const cut = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t);
  const list = (rows: ReadonlyArray<{ row: number; text: string }>, count: number) => {
    const named = rows.slice(0, SKIPPED_NAMED).map((r) => (zh ? `第 ${num(r.row)} 行：${cut(r.text)}` : `row ${num(r.row)}: ${cut(r.text)}`));
    const more = count - named.length;
    if (more > 0) named.push(zh ? `另 ${num(more)} 行` : `${num(more)} more`);
    return zh ? `（${named.join('；')}）` : ` (${named.join('; ')})`;
  };
  const parts: string[] = [];
  if (skipped.titles.length) {
    const n = skipped.titles.length;
    parts.push(zh ? `表头上方的 ${n} 行标题${list(skipped.titles, n)}` : `${n} title row${n === 1 ? '' : 's'} above the header${list(skipped.titles, n)}`);
  }
  if (skipped.totals) {
    const n = skipped.totals;
    parts.push(zh ? ` ${num(n)} 行合计行${list(skipped.totalRows, n)}` : `${num(n)} total row${n === 1 ? '' : 's'}${list(skipped.totalRows, n)}`);
  }
  return zh ? `已跳过${parts.join('和')}` : `Skipped ${parts.join(' and ')}`;
}
