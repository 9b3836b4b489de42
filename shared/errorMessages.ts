/**
 * Domain refusals the user reads, in both languages. A DomainError that the user must act on carries
 * `data: { reason, params }`; its `message` stays the English text for logs and the audit trail, and every surface
 * (the window's error banner, the CLI) renders `reason` + `params` in the user's language with `errorText`.
 * Areas add their reasons here; a reason without an entry falls back to the message.
 */
export type MessageLanguage = 'zh-CN' | 'en';

type Params = Record<string, unknown>;
type Template = (p: Params) => string;

/** The settings keys of the company profile, named as Settings → Company profile names them. */
const COMPANY_FIELD_WORDS: Record<string, [string, string]> = {
  'company.name': ['公司名称', 'company name'],
  'company.creditCode': ['统一社会信用代码', 'unified social credit code'],
  'company.address': ['地址', 'address'],
  'company.bankName': ['开户银行', 'bank'],
  'company.bankAccount': ['银行账号', 'bank account'],
};

const fieldList = (p: Params, lang: MessageLanguage) =>
  (Array.isArray(p.missing) ? (p.missing as string[]) : [])
    .map((k) => COMPANY_FIELD_WORDS[k]?.[lang === 'zh-CN' ? 0 : 1] ?? k)
    .join(lang === 'zh-CN' ? '、' : ', ');

const MESSAGES: Record<string, Record<MessageLanguage, Template>> = {
  companyProfileMissing: {
    'zh-CN': (p) =>
      `出具结算单和对账单前需先填写公司信息，缺少：${fieldList(p, 'zh-CN')}。请在“设置 → 公司信息”中填写，或运行 pwb company set --name 名称 --credit-code 信用代码 --address 地址 --bank-name 开户行 --bank-account 账号`,
    en: (p) =>
      `Statements need the company profile first; missing: ${fieldList(p, 'en')}. Fill it in under Settings → Company profile, or run pwb company set --name N --credit-code C --address A --bank-name B --bank-account ACC`,
  },
  paidBeforeApproval: {
    'zh-CN': (p) => `结算批次 #${String(p.runId)} 于 ${String(p.approvedOn)} 批准，付款日期 ${String(p.paidOn)} 不能早于批准日期`,
    en: (p) => `Payout run #${String(p.runId)} was approved on ${String(p.approvedOn)}: the payment date ${String(p.paidOn)} cannot be before that`,
  },
};

/** The reason and params a DomainError carries, if it carries one. */
export function errorReason(data: unknown): { reason: string; params: Params } | null {
  if (!data || typeof data !== 'object' || typeof (data as { reason?: unknown }).reason !== 'string') return null;
  const d = data as { reason: string; params?: Params };
  return { reason: d.reason, params: d.params ?? (d as unknown as Params) };
}

/** The message of an error body in `lang`: the reason's text when there is one, else the message as raised. */
export function errorText(body: { message: string; data?: unknown }, lang: MessageLanguage): string {
  const r = errorReason(body.data);
  const template = r ? MESSAGES[r.reason]?.[lang] : undefined;
  return template ? template(r!.params) : body.message;
}

/** zh / zh-CN / zh_CN.UTF-8 → zh-CN; anything else → en. */
export function messageLanguage(tag: string | undefined | null): MessageLanguage {
  return tag && /^zh/i.test(tag) ? 'zh-CN' : 'en';
}
