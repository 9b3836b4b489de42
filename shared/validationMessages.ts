import { englishCount } from './englishCount';

/** 'zh-CN' | 'en', as errorMessages' MessageLanguage (not imported: errorMessages words issues with issueText). */
type MessageLanguage = 'zh-CN' | 'en';

/**
 * Validation problems in the reader's language, with the field's label: "名称不能为空" / "Name is required" — never
 * zod's own text ("Too small: expected string to have >=1 characters") nor a field path (`tiers.0.rate`). The same
 * words for a form's own check (zod in the renderer) and for an INVALID_INPUT from any transport (its issues carry
 * zod's code and parameters, see electron/api/errors.ts zodIssues).
 */
export interface IssueLike {
  code?: string;
  message: string;
  /** zod's parameters (minimum, maximum, origin, expected, format, values, keys); an API issue carries them in `params`. */
  params?: IssueParams;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  origin?: string;
  expected?: string;
  format?: string;
  values?: unknown[];
  keys?: string[];
}

export interface IssueParams {
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
  origin?: string;
  expected?: string;
  format?: string;
  values?: unknown[];
  keys?: string[];
  /** The field was absent (zod: "received undefined"). */
  missing?: boolean;
}

/** The parameters of a zod issue that the words need (numbers only: bigint does not travel as JSON). */
export function issueParams(i: IssueLike): IssueParams {
  const p: IssueParams = {};
  if (i.minimum !== undefined) p.minimum = Number(i.minimum);
  if (i.maximum !== undefined) p.maximum = Number(i.maximum);
  if (i.inclusive !== undefined) p.inclusive = i.inclusive;
  if (i.origin !== undefined) p.origin = i.origin;
  if (i.expected !== undefined) p.expected = i.expected;
  if (i.format !== undefined) p.format = i.format;
  if (i.values !== undefined) p.values = i.values.map((v) => (typeof v === 'bigint' ? Number(v) : v));
  if (i.keys !== undefined) p.keys = i.keys;
  if (i.code === 'invalid_type' && /received undefined/.test(i.message)) p.missing = true;
  return p;
}

/**
 * The schemas' own messages (refinements, patterns) in both languages. A schema message missing here is shown as
 * written in English and as "格式不正确" in Chinese (the catalogue test lists the schemas' messages, so add new ones).
 */
export const SCHEMA_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  'not a known setting': { 'zh-CN': '不是已知的设置项', en: 'is not a known setting' },
  'this setting is changed on its own page': { 'zh-CN': '此设置项须在其专门的页面修改', en: 'is changed on its own page, not as a plain setting' },
  'letters, digits, _ . - only': { 'zh-CN': '只能包含字母、数字和 _ . -', en: 'may contain letters, digits and _ . - only' },
  'not a calendar date': { 'zh-CN': '不是有效的日期', en: 'is not a calendar date' },
  'a unified social credit code has 18 characters': { 'zh-CN': '统一社会信用代码为 18 位', en: 'must have 18 characters (unified social credit code)' },
  'an 18-character unified social credit code': { 'zh-CN': '统一社会信用代码为 18 位', en: 'must have 18 characters (unified social credit code)' },
  'ISO currency code': { 'zh-CN': '应为三个字母的币种代码，如 CNY', en: 'must be a three-letter currency code such as CNY' },
  'a three-letter currency code such as CNY': { 'zh-CN': '应为三个字母的币种代码，如 CNY', en: 'must be a three-letter currency code such as CNY' },
  'not a known time zone (e.g. Asia/Shanghai)': { 'zh-CN': '不是已知的时区（如 Asia/Shanghai）', en: 'is not a known time zone (e.g. Asia/Shanghai)' },
  'expected a date as YYYY-MM-DD': { 'zh-CN': '应为日期，格式 YYYY-MM-DD', en: 'must be a date as YYYY-MM-DD' },
  'digits, letters, spaces or dashes (4–40)': { 'zh-CN': '只能包含数字、字母、空格或短横线（4–40 位）', en: 'may contain digits, letters, spaces or dashes (4–40)' },
  'a target field name such as partnerCode': { 'zh-CN': '应为目标字段名，如 partnerCode', en: 'must be a target field name such as partnerCode' },
  'a partner code is printable text without leading or trailing spaces': { 'zh-CN': '应为可打印文字，首尾不能有空格', en: 'must be printable text without leading or trailing spaces' },
  'expected a period such as 2019-03, 2019-Q1, 2019-H1 or 2019': { 'zh-CN': '应为期间，如 2025-03、2025-Q1、2025-H1 或 2025', en: 'must be a period such as 2025-03, 2025-Q1, 2025-H1 or 2025' },
  'expected a period such as 2025-03, 2025-Q1, 2025-H1 or 2025': { 'zh-CN': '应为期间，如 2025-03、2025-Q1、2025-H1 或 2025', en: 'must be a period such as 2025-03, 2025-Q1, 2025-H1 or 2025' },
  'a year (2025), half (2025-H1) or quarter (2025-Q3)': { 'zh-CN': '应为年度（2025）、半年（2025-H1）或季度（2025-Q3）', en: 'must be a year (2025), half (2025-H1) or quarter (2025-Q3)' },
  'a SPIFF needs products or categories': { 'zh-CN': '专项激励需要指定产品或品类', en: 'a SPIFF needs products or categories' },
  'a rebate settlement takes no payment day': { 'zh-CN': '抵扣返利时无需填写付款日期', en: 'a rebate settlement takes no payment day' },
  'at least one weight must be above 0': { 'zh-CN': '至少一项权重须大于 0', en: 'at least one weight must be above 0' },
  'from must not be after to': { 'zh-CN': '开始日期不能晚于结束日期', en: 'the start must not be after the end' },
  'give either a payment reference or deductFromRebates': { 'zh-CN': '请填写付款凭证号，或选择从返利中抵扣', en: 'give a payment reference or choose to deduct from rebates' },
  'give exactly one of perUnit or percent': { 'zh-CN': '按件金额与比例只能填写其中一项', en: 'give either an amount per unit or a percentage, not both' },
  'grade bounds must fall: A > B > C': { 'zh-CN': '等级下限须递减：A > B > C', en: 'grade bounds must fall: A > B > C' },
  'marginal growth tiers apply to the increment only': { 'zh-CN': '超额累进的增长阶梯只作用于增量部分', en: 'marginal growth tiers apply to the increment only' },
  'nothing to save': { 'zh-CN': '没有需要保存的更改', en: 'nothing to save' },
  'the downgrade attainment must be below the upgrade attainment': { 'zh-CN': '降级达成率须低于升级达成率', en: 'the downgrade attainment must be below the upgrade attainment' },
  'give a floor price or a list price': { 'zh-CN': '请填写控价底价或建议零售价', en: 'give a floor price or a list price' },
  'validTo is before validFrom': { 'zh-CN': '失效日期早于生效日期', en: 'the end date is before the start date' },
  'a unified social credit code uses digits and capital letters except I, O, Z, S and V': { 'zh-CN': '只能包含数字和大写字母（不含 I、O、Z、S、V）', en: 'may contain digits and capital letters except I, O, Z, S and V (unified social credit code)' },
  'the check character (18th) of this unified social credit code does not match: a typing error?': { 'zh-CN': '校验位（第 18 位）不符，请核对是否输错', en: 'has a check character (18th) that does not match: please check for a typing error' },
  'a mobile number (11 digits from 13…19), a landline with its area code (021-62881234) or +country code': { 'zh-CN': '应为手机号（11 位，以 13–19 开头）、带区号的固定电话（如 021-62881234）或带 + 国家代码的号码', en: 'must be a mobile number (11 digits starting 13–19), a landline with its area code (e.g. 021-62881234) or a number with its + country code' },
  'a bank account number: 6 to 32 digits': { 'zh-CN': '应为 6 至 32 位数字', en: 'must be 6 to 32 digits' },
  'digits, spaces and + - ( ) only': { 'zh-CN': '只能包含数字、空格和 + - ( )', en: 'may contain digits, spaces and + - ( ) only' },
  'a field name such as partnerCode or cells.T01': { 'zh-CN': '应为字段名，如 partnerCode 或 cells.T01', en: 'must be a field name such as partnerCode or cells.T01' },
  'a postgres:// address, e.g. postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full': {
    'zh-CN': '应为 postgres:// 地址，如 postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full',
    en: 'must be a postgres:// address, e.g. postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full',
  },
  'no password in the address: keep it in a key file, PGPASSWORD or ~/.pgpass': { 'zh-CN': '地址中不能包含密码：请放在密钥文件、PGPASSWORD 或 ~/.pgpass 中', en: 'must not hold a password: keep it in a key file, PGPASSWORD or ~/.pgpass' },
  'give exactly one of path or content': { 'zh-CN': '请只指定文件路径或内容其中之一', en: 'give either a file path or the content' },
  'give exactly one of programId or programCode': { 'zh-CN': '请只指定激励政策的编号或编码其中之一', en: 'give either the program id or its code' },
  'give exactly one of partnerId or partnerCode': { 'zh-CN': '请只指定伙伴的编号或编码其中之一', en: 'give either the partner id or its code' },
  'a .png or .jpg file': { 'zh-CN': '应为 .png 或 .jpg 文件', en: 'must be a .png or .jpg file' },
  'give exactly one of id or code': { 'zh-CN': '请只指定编号或编码其中之一', en: 'give either the id or the code' },
};

/** A schema's own message alone in `lang` (an import row error, whose column is named beside it), else null. */
export function schemaMessageText(message: string, lang: MessageLanguage): string | null {
  return SCHEMA_MESSAGES[message]?.[lang] ?? null;
}

const num = (v: number | undefined) => (v === undefined ? '' : String(v));

/**
 * A field's name and the Chinese words after it: a name ending in Latin (`--as-of`, `tiers #1`, an English column) is
 * spaced from them, as the Chinese texts space Latin words from Chinese (--as-of 不是有效的日期); a Chinese name is not.
 */
function zhAfter(label: string, words: string): string {
  return /[\x21-\x7e]$/.test(label) && /^[\u4e00-\u9fff]/.test(words) ? `${label} ${words}` : `${label}${words}`;
}

/**
 * One problem of one field, in `lang`, starting with the field's label. `listValues` names the allowed codes of a
 * choice (the command line, where the user types them; a form offers them in a list).
 */
export function issueText(issue: IssueLike, label: string, lang: MessageLanguage, opts: { listValues?: boolean } = {}): string {
  const p: IssueParams = { ...issueParams(issue), ...(issue.params ?? {}) };
  const zh = lang === 'zh-CN';
  const custom = SCHEMA_MESSAGES[issue.message];
  if (custom) return zh ? (/^(应为|不是|只能)/.test(custom['zh-CN']) ? zhAfter(label, custom['zh-CN']) : `${label}：${custom['zh-CN']}`) : `${label} ${custom.en}`;
  switch (issue.code) {
    case 'too_small':
      if (p.origin === 'string' && p.minimum === 1) return zh ? zhAfter(label, '不能为空') : `${label} is required`;
      if (p.origin === 'string') return zh ? zhAfter(label, `至少需要 ${num(p.minimum)} 个字符`) : `${label} needs at least ${englishCount(p.minimum, 'character', 'characters')}`;
      if (p.origin === 'array' || p.origin === 'set') return zh ? zhAfter(label, `至少需要 ${num(p.minimum)} 项`) : `${label} needs at least ${englishCount(p.minimum, 'entry', 'entries')}`;
      if (p.inclusive === false) return zh ? zhAfter(label, `必须大于 ${num(p.minimum)}`) : `${label} must be more than ${num(p.minimum)}`;
      return zh ? zhAfter(label, `不能小于 ${num(p.minimum)}`) : `${label} must be at least ${num(p.minimum)}`;
    case 'too_big':
      if (p.origin === 'string') return zh ? zhAfter(label, `最多 ${num(p.maximum)} 个字符`) : `${label} can have at most ${englishCount(p.maximum, 'character', 'characters')}`;
      if (p.origin === 'array' || p.origin === 'set') return zh ? zhAfter(label, `最多 ${num(p.maximum)} 项`) : `${label} can have at most ${englishCount(p.maximum, 'entry', 'entries')}`;
      if (p.inclusive === false) return zh ? zhAfter(label, `必须小于 ${num(p.maximum)}`) : `${label} must be less than ${num(p.maximum)}`;
      return zh ? zhAfter(label, `不能大于 ${num(p.maximum)}`) : `${label} must be at most ${num(p.maximum)}`;
    case 'invalid_type':
      if (p.missing) return zh ? zhAfter(label, '不能为空') : `${label} is required`;
      if (p.expected === 'int' || p.format === 'safeint') return zh ? zhAfter(label, '必须是整数') : `${label} must be a whole number`;
      if (p.expected === 'number') return zh ? zhAfter(label, '必须是数字') : `${label} must be a number`;
      if (p.expected === 'boolean') return zh ? zhAfter(label, '必须选“是”或“否”') : `${label} must be yes or no`;
      return zh ? zhAfter(label, '的值无效') : `${label} has an invalid value`;
    case 'invalid_value':
      if (opts.listValues && p.values?.length) return zh ? zhAfter(label, `须为以下之一：${p.values.join('、')}`) : `${label} must be one of: ${p.values.join(', ')}`;
      return zh ? zhAfter(label, '请从可选值中选择') : `${label} must be one of the offered choices`;
    case 'invalid_format':
      if (p.format === 'email') return zh ? zhAfter(label, '不是有效的电子邮件地址') : `${label} is not a valid e-mail address`;
      if (p.format === 'url') return zh ? zhAfter(label, '不是有效的网址') : `${label} is not a valid web address`;
      return zh ? zhAfter(label, '格式不正确') : `${label} is not in the right format`;
    case 'unrecognized_keys':
      return zh ? `不认识的字段：${(p.keys ?? []).join('、')}` : `Unknown fields: ${(p.keys ?? []).join(', ')}`;
    case 'not_multiple_of':
      return zh ? zhAfter(label, '的小数位过多') : `${label} has too many decimals`;
    default:
      // A refinement whose words are not in SCHEMA_MESSAGES: its English text, but never English in the Chinese UI.
      return zh ? zhAfter(label, '的值无效') : `${label}: ${issue.message}`;
  }
}

/** The last named segment of an issue path (`tiers.0.rate` → `rate`) and the row it is in (`tiers.0.rate` → 1), for labels. */
export function pathField(path: string | ReadonlyArray<PropertyKey>): { field: string | null; row: number | null } {
  const parts = typeof path === 'string' ? (path === '(input)' ? [] : path.split('.')) : path.map(String);
  let field: string | null = null;
  let row: number | null = null;
  for (const part of parts) {
    if (/^\d+$/.test(part)) row = Number(part) + 1;
    else field = part;
  }
  return { field, row };
}
