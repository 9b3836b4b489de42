import { importErrorLine, importRefusalText, type ImportProblem, type ImportWhere } from './importMessages';
import { englishCount } from './englishCount';
import { formatMoney } from './money';
import { operationWord } from './operationWords';
import { mdfActivityWord } from './enums';
import { hqProblemText, integrityFindingText } from './systemFindings';
import { issueText, type IssueLike } from './validationMessages';
import { IMPORT_FIELD_WORDS } from './importMessages';

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

const mdfMoney = (p: Params, key: string) => formatMoney(Number(p[key]), String(p.currency ?? 'CNY'));
/** A plan amount: yuan for money metrics, whole units for sell-through quantity (params.unit 'units'). */
const planAmount = (p: Params, key: string) => (p.unit === 'units' ? String(p[key]) : formatMoney(Number(p[key]), 'CNY'));
/** Territory levels as the tree names them (Settings → Territories), and where each may lie. */
const KIND_ZH: Record<string, string> = { territory: '大区', subTerritory: '片区', province: '省份', city: '城市' };
const KIND_EN: Record<string, string> = { territory: 'territory', subTerritory: 'sub-territory', province: 'province', city: 'city' };
const KIND_RULE_ZH: Record<string, string> = {
  territory: '大区只能在最上层（放到其他区域之下请选“片区”）',
  subTerritory: '片区须在大区或片区之下',
  province: '省份须在最上层、大区或片区之下',
  city: '城市须在省份、大区或片区之下',
  underCity: '城市之下不能再有下级',
};
const KIND_RULE_EN: Record<string, string> = {
  territory: 'a territory is top-level (choose sub-territory to put it under another)',
  subTerritory: 'a sub-territory lies under a territory or sub-territory',
  province: 'a province lies at the top level or under a territory or sub-territory',
  city: 'a city lies under a province, territory or sub-territory',
  underCity: 'nothing lies under a city',
};
const mb = (bytes: unknown, digits = 1) => (Number(bytes) / 1048576).toFixed(digits);

/** The records a refusal names (`notFound`, `wrongStatus`): [zh-CN, en]. */
export const RECORD_WORDS = {
  partner: ['合作伙伴', 'partner'],
  territory: ['区域', 'territory'],
  coverageTarget: ['覆盖率目标', 'coverage target'],
  channelManager: ['渠道经理', 'channel manager'],
  plan: ['目标计划', 'target plan'],
  planVersion: ['目标计划的版本', 'target plan version'],
  fund: ['市场费用基金', 'development fund'],
  mdfRequest: ['费用申请', 'fund request'],
  mdfClaim: ['费用核销', 'fund claim'],
  proofFile: ['证明文件', 'proof file'],
  deal: ['商机报备', 'deal registration'],
  trainingRecord: ['培训记录', 'training record'],
  course: ['培训课程', 'course'],
  payoutRun: ['结算批次', 'payout run'],
  payoutLine: ['结算明细', 'payout line'],
  inquiry: ['结算疑问', 'payout inquiry'],
  program: ['激励政策', 'incentive program'],
  file: ['文件', 'file'],
  reviewMeeting: ['业务回顾', 'review meeting'],
  reviewAction: ['行动项', 'action item'],
  risk: ['风险', 'risk'],
  riskAction: ['缓解行动', 'mitigation action'],
  import: ['导入记录', 'import'],
  product: ['产品', 'product'],
  scorecard: ['评估卡', 'scorecard'],
  schedule: ['评估计划', 'evaluation schedule'],
  evaluationRun: ['评估运行', 'evaluation run'],
} as const satisfies Record<string, readonly [string, string]>;
export type RecordKind = keyof typeof RECORD_WORDS;

/** Statuses a refusal names (`wrongStatus`): [zh-CN, en]. */
const STATUS_WORDS: Record<string, [string, string]> = {
  draft: ['草稿', 'draft'],
  approved: ['已批准', 'approved'],
  paid: ['已支付', 'paid'],
  void: ['已作废', 'void'],
  pending: ['待审批', 'pending'],
  rejected: ['已驳回', 'rejected'],
  submitted: ['待审核', 'submitted'],
  expired: ['已过期', 'expired'],
  withdrawn: ['已撤回', 'withdrawn'],
  settling: ['通过结算批次抵扣返利中', 'settling on a payout run'],
  closed: ['已关闭', 'closed'],
  open: ['开放', 'open'],
  published: ['已发布', 'published'],
  conflict: ['冲突待裁定', 'in conflict'],
  won: ['已赢单', 'won'],
  lost: ['已丢单', 'lost'],
  done: ['已完成', 'done'],
  cancelled: ['已取消', 'cancelled'],
  answered: ['已答复', 'answered'],
  resolved: ['已解决', 'resolved'],
};
/** What a refused change would have done (`wrongStatus`): [zh-CN, en past participle]. */
const ACTION_WORDS: Record<string, [string, string]> = {
  approve: ['批准', 'approved'],
  reject: ['驳回', 'rejected'],
  decide: ['审核', 'decided'],
  pay: ['支付', 'paid'],
  claim: ['核销', 'claimed'],
  void: ['作废', 'voided'],
  request: ['申请', 'asked for'],
  edit: ['修改', 'changed'],
  recalculate: ['重新计算', 'recalculated'],
  won: ['标记为赢单', 'marked won'],
  lost: ['标记为丢单', 'marked lost'],
};

const activityWord = (a: unknown, lang: MessageLanguage) => mdfActivityWord(a, lang);

/** `data` of a DomainError for a record that does not exist: worded in the reader's language as "找不到合作伙伴：P0301". */
export function notFound(what: RecordKind, key: string | number | null | undefined | ReadonlyArray<string | number>): { reason: 'notFound'; params: { what: RecordKind; key: string } } {
  return { reason: 'notFound', params: { what, key: Array.isArray(key) ? key.join(', ') : String(key ?? '') } };
}

/** `data` of a DomainError for a code already taken ("目标计划 T-2026 已存在"). */
export function alreadyExists(what: RecordKind, key: string | number) {
  return { reason: 'alreadyExists', params: { what, key: String(key) } };
}

/** `data` of a DomainError for a change the record's status does not allow (a paid claim decided again). */
export function wrongStatus(what: RecordKind, key: string | number, status: string, allowed: readonly string[], action: keyof typeof ACTION_WORDS | string) {
  return { reason: 'wrongStatus', params: { what, key: String(key), status, allowed: [...allowed], action } };
}

const recordWord = (p: Params, lang: MessageLanguage) => RECORD_WORDS[p.what as RecordKind]?.[lang === 'zh-CN' ? 0 : 1] ?? String(p.what ?? '');
const statusWord = (s: unknown, lang: MessageLanguage) => STATUS_WORDS[String(s)]?.[lang === 'zh-CN' ? 0 : 1] ?? String(s);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What an import changed, as the import pages name it (`import_changes.entity`): [zh-CN, en]. */
const UNDO_ENTITY_WORDS: Record<string, [string, string]> = {
  partner: ['合作伙伴', 'partner'],
  target: ['目标', 'target'],
  training_record: ['培训记录', 'training record'],
  risk: ['风险', 'risk'],
  product: ['产品', 'product'],
  product_price: ['产品价格', 'product price'],
  inventory_snapshot: ['库存记录', 'stock record'],
};
const undoEntityWord = (e: unknown, lang: MessageLanguage) => UNDO_ENTITY_WORDS[String(e)]?.[lang === 'zh-CN' ? 0 : 1] ?? String(e);
/** Import statuses as the import history names them. */
const IMPORT_STATUS_WORDS: Record<string, [string, string]> = {
  running: ['进行中', 'running'],
  committed: ['已导入', 'imported'],
  failed: ['失败', 'failed'],
  cancelled: ['已取消', 'cancelled'],
  undone: ['已撤销', 'undone'],
};
const importStatusWord = (s: unknown, lang: MessageLanguage) => IMPORT_STATUS_WORDS[String(s)]?.[lang === 'zh-CN' ? 0 : 1] ?? String(s);
/** Tiers as the glossary names them. */
const TIER_WORDS: Record<string, [string, string]> = {
  strategic: ['战略渠道', 'Strategic'],
  tier1: ['一级渠道', 'Tier 1'],
  tier2: ['二级渠道', 'Tier 2'],
  tier3: ['三级渠道', 'Tier 3'],
};
const tierWord = (t: unknown, lang: MessageLanguage) => TIER_WORDS[String(t)]?.[lang === 'zh-CN' ? 0 : 1] ?? String(t);
const listOf = (xs: unknown, lang: MessageLanguage) => (Array.isArray(xs) ? xs.map(String) : []).join(lang === 'zh-CN' ? '、' : ', ');
/** "结算批次 3（2025-Q1，已支付）" / "payout run 3 (2025-Q1, paid)" for each run. */
const payoutRunList = (p: Params, lang: MessageLanguage) =>
  (Array.isArray(p.payoutRuns) ? (p.payoutRuns as Array<{ id: number; period: string; status: string }>) : [])
    .map((r) => (lang === 'zh-CN' ? `结算批次 ${r.id}（${r.period}，${statusWord(r.status, lang)}）` : `payout run ${r.id} (${r.period}, ${statusWord(r.status, lang)})`))
    .join(lang === 'zh-CN' ? '、' : ', ');

/** "所选范围（二级渠道、区域 EAST）内" / " of Tier 2 in territory EAST": which partners a review export looked for. */
const reviewScope = (p: Params, lang: MessageLanguage) => {
  const tiers = Array.isArray(p.tiers) ? (p.tiers as string[]) : [];
  const territory = p.territory ? String(p.territory) : null;
  if (lang === 'zh-CN') {
    const parts = [tiers.length ? tiers.map((t) => tierWord(t, lang)).join('、') : null, territory ? `区域 ${territory}` : null].filter(Boolean);
    return parts.length ? `所选范围（${parts.join('、')}）内` : '';
  }
  const parts = [tiers.length ? tiers.map((t) => tierWord(t, lang)).join(', ') : null, territory ? `territory ${territory}` : null].filter(Boolean);
  return parts.length ? ` of ${parts.join(' in ')}` : '';
};

/** SQLite's integrity findings in `lang`, each worded where its kind is known (shared/systemFindings.ts). */
const findingList = (xs: unknown, lang: MessageLanguage) =>
  (Array.isArray(xs) ? xs : [])
    .filter((x) => String(x).trim() !== '')
    .map((x) => integrityFindingText(x, lang))
    .join(lang === 'zh-CN' ? '；' : '; ');

/** A backup's problems (`backup.*` reasons) in `lang`, one after another. */
const backupIssues = (p: Params, lang: MessageLanguage): string =>
  (Array.isArray(p.issues) ? (p.issues as Array<{ reason: string; params: Params }>) : [])
    .map((i) => MESSAGES[i.reason]?.[lang]?.(i.params ?? {}) ?? i.reason)
    .join(lang === 'zh-CN' ? '；' : '; ');

/** Risk levels as the risk register names them. */
const RISK_LEVEL_WORDS: Record<string, [string, string]> = { low: ['低', 'Low'], medium: ['中', 'Medium'], high: ['高', 'High'], critical: ['极高', 'Critical'] };
const riskLevelWord = (l: unknown, lang: MessageLanguage) => RISK_LEVEL_WORDS[String(l)]?.[lang === 'zh-CN' ? 0 : 1] ?? String(l);
/** Each problem of a risk band configuration (electron/domain/risks/riskLevels `riskBandProblems`) in `lang`. */
const bandProblems = (p: Params, lang: MessageLanguage): string =>
  (Array.isArray(p.problems) ? (p.problems as Params[]) : [])
    .map((b) => {
      const zh = lang === 'zh-CN';
      const level = riskLevelWord(b.level, lang);
      switch (b.kind) {
        case 'level':
          return zh ? `第 ${String(b.band)} 段应为“${level}”（从低到极高排列）` : `band ${String(b.band)} must be ${level} (low to critical)`;
        case 'start':
          return zh ? `“${level}”应从 ${String(b.min)} 开始（各段从 1 起首尾相接）` : `${level} must start at ${String(b.min)} (bands follow on from 1)`;
        case 'maxBelowMin':
          return zh ? `“${level}”的上限 ${String(b.max)} 小于下限 ${String(b.min)}` : `${level}: the maximum ${String(b.max)} is below the minimum ${String(b.min)}`;
        case 'end':
          return zh ? '最后一段应到 25 为止' : 'the last band must end at 25';
        case 'notWhole':
          return zh ? `“${level}”的上下限应为整数` : `${level}: the minimum and maximum must be whole numbers`;
        default:
          return zh ? '应为低、中、高、极高四段' : 'give four bands: low, medium, high, critical';
      }
    })
    .join(lang === 'zh-CN' ? '；' : '; ');

const MESSAGES: Record<string, Record<MessageLanguage, Template>> = {
  notFound: {
    'zh-CN': (p) => `找不到${recordWord(p, 'zh-CN')}：${String(p.key)}`,
    en: (p) => `No ${recordWord(p, 'en')} ${String(p.key)}`,
  },
  planNoPartners: {
    'zh-CN': () => '目标计划的范围内没有合作伙伴（合作中、入驻中或考察期）',
    en: () => 'No partners in the plan’s scope (active, onboarding or on probation)',
  },
  planLockStale: {
    'zh-CN': (p) => `锁定的节点 ${String(p.node)} 已不在目标计划的分解树中：请先解除锁定`,
    en: (p) => `Locked node ${String(p.node)} is not in the plan’s tree any more; unlock it`,
  },
  planNoLastYear: {
    'zh-CN': () => '范围内去年同期没有销售：请为目标计划填写合计',
    en: () => 'No sales in the scope for the same period last year: give the plan a total',
  },
  planTotalNotLocked: {
    'zh-CN': () => '目标计划的合计没有锁定：请直接修改合计',
    en: () => 'The plan’s total is not locked: change the total instead',
  },
  territoryNameAmbiguous: {
    'zh-CN': (p) => `区域名称“${String(p.name)}”被多个区域使用：请用区域编码`,
    en: (p) => `Territory name ${String(p.name)} is used by more than one territory; use its code`,
  },
  managerNameAmbiguous: {
    'zh-CN': (p) => `渠道经理姓名“${String(p.name)}”对应多位渠道经理：请用邮箱`,
    en: (p) => `Channel manager name ${String(p.name)} is used by more than one manager; use the e-mail`,
  },
  planNotXlsx: {
    'zh-CN': (p) => `${String(p.file)} 不是 XLSX 工作簿（请先导出目标计划，在 Excel 或 WPS 中编辑后另存为 .xlsx）`,
    en: (p) => `${String(p.file)}: not an XLSX workbook (export the plan, edit it in Excel or WPS and save it as .xlsx)`,
  },
  planChangedWhileRead: {
    'zh-CN': (p) => `读取 ${String(p.file)} 期间目标计划 ${String(p.code)} 被修改：请重新导入`,
    en: (p) => `Plan ${String(p.code)} was changed while ${String(p.file)} was read; import it again`,
  },
  partnerDeleted: {
    'zh-CN': (p) => `合作伙伴 ${String(p.code)} 已删除：请先恢复`,
    en: (p) => `Partner ${String(p.code)} is deleted; restore it first`,
  },
  partnerAlreadyDeleted: {
    'zh-CN': (p) => `合作伙伴 ${String(p.code)} 已经删除`,
    en: (p) => `Partner ${String(p.code)} is already deleted`,
  },
  trainingRecordDuplicate: {
    'zh-CN': (p) => `${String(p.trainee)} 已有 ${String(p.completedOn)} 完成的本课程培训记录`,
    en: (p) => `${String(p.trainee)} already has a record of this course completed on ${String(p.completedOn)}`,
  },
  mdfActivityNotCovered: {
    'zh-CN': (p) => `基金 ${String(p.fundCode)} 不资助“${activityWord(p.activity, 'zh-CN')}”（只资助：${(p.activities as string[]).map((a) => activityWord(a, 'zh-CN')).join('、')}）`,
    en: (p) => `Fund ${String(p.fundCode)} does not pay for ${activityWord(p.activity, 'en')} (it pays for ${(p.activities as string[]).map((a) => activityWord(a, 'en')).join(', ')})`,
  },
  mdfCurrencyMismatch: {
    'zh-CN': (p) => `合作伙伴 ${String(p.partnerCode)} 以 ${String(p.partnerCurrency)} 结算，基金 ${String(p.fundCode)} 以 ${String(p.fundCurrency)} 支付`,
    en: (p) => `Partner ${String(p.partnerCode)} is settled in ${String(p.partnerCurrency)}, fund ${String(p.fundCode)} pays in ${String(p.fundCurrency)}`,
  },
  mdfActivityEndsBeforeStart: {
    'zh-CN': (p) => `活动结束日期（${String(p.endsOn)}）早于开始日期（${String(p.startsOn)}）`,
    en: (p) => `The activity ends (${String(p.endsOn)}) before it starts (${String(p.startsOn)})`,
  },
  mdfActivityOutsideFund: {
    'zh-CN': (p) => `活动（${String(p.startsOn)} – ${String(p.endsOn)}）不在基金 ${String(p.fundCode)} 的期间 ${String(p.period)}（${String(p.fundStartsOn)} – ${String(p.fundEndsOn)}）内`,
    en: (p) => `The activity (${String(p.startsOn)} – ${String(p.endsOn)}) lies outside fund ${String(p.fundCode)}'s period ${String(p.period)} (${String(p.fundStartsOn)} – ${String(p.fundEndsOn)})`,
  },
  mdfApprovedAboveRequested: {
    'zh-CN': (p) => `批准金额 ${mdfMoney(p, 'approvedMinor')} 超过申请金额 ${mdfMoney(p, 'requestedMinor')}`,
    en: (p) => `The approved amount ${mdfMoney(p, 'approvedMinor')} is more than requested (${mdfMoney(p, 'requestedMinor')})`,
  },
  mdfClaimByBeforeEnd: {
    'zh-CN': (p) => `核销截止日 ${String(p.claimBy)} 早于活动结束日 ${String(p.endsOn)}`,
    en: (p) => `The claim deadline ${String(p.claimBy)} is before the activity ends (${String(p.endsOn)})`,
  },
  mdfClaimDeadlinePassed: {
    'zh-CN': (p) => `费用申请 ${String(p.requestId)} 的核销截止日为 ${String(p.claimBy)}，已过期`,
    en: (p) => `The claim deadline of request ${String(p.requestId)} was ${String(p.claimBy)}`,
  },
  mdfRequestHasClaim: {
    'zh-CN': (p) => `费用申请 ${String(p.requestId)} 已有费用核销 ${String(p.claimId)}（${statusWord(p.status, 'zh-CN')}）`,
    en: (p) => `Request ${String(p.requestId)} already has claim ${String(p.claimId)} (${statusWord(p.status, 'en')})`,
  },
  mdfRejectReasonRequired: {
    'zh-CN': () => '驳回费用核销须填写原因',
    en: () => 'Give the reason for rejecting the claim',
  },
  mdfApprovedAboveClaimed: {
    'zh-CN': (p) => `核准金额 ${mdfMoney(p, 'approvedMinor')} 超过核销金额 ${mdfMoney(p, 'claimedMinor')}`,
    en: (p) => `The approved amount ${mdfMoney(p, 'approvedMinor')} is more than claimed (${mdfMoney(p, 'claimedMinor')})`,
  },
  mdfPaidBeforeApproval: {
    'zh-CN': (p) => `付款日期 ${String(p.paidOn)} 早于核销核准日期 ${String(p.approvedOn)}`,
    en: (p) => `The payment day ${String(p.paidOn)} is before the claim was approved (${String(p.approvedOn)})`,
  },
  alreadyExists: {
    'zh-CN': (p) => `${recordWord(p, 'zh-CN')} ${String(p.key)} 已存在`,
    en: (p) => `${capital(recordWord(p, 'en'))} ${String(p.key)} already exists`,
  },
  wrongStatus: {
    'zh-CN': (p) =>
      `${recordWord(p, 'zh-CN')} ${String(p.key)} 当前为“${statusWord(p.status, 'zh-CN')}”，只有${(p.allowed as string[]).map((s) => `“${statusWord(s, 'zh-CN')}”`).join('或')}的${recordWord(p, 'zh-CN')}才能${ACTION_WORDS[String(p.action)]?.[0] ?? String(p.action)}`,
    en: (p) =>
      `${capital(recordWord(p, 'en'))} ${String(p.key)} is ${statusWord(p.status, 'en')}: only ${(p.allowed as string[]).map((s) => statusWord(s, 'en')).join(' or ')} ones can be ${ACTION_WORDS[String(p.action)]?.[1] ?? String(p.action)}`,
  },
  companyProfileMissing: {
    'zh-CN': (p) =>
      `出具结算单和对账单前需先填写公司信息，缺少：${fieldList(p, 'zh-CN')}。请在“设置 → 公司信息”中填写，或运行 pwb company set --name 名称 --credit-code 信用代码 --address 地址 --bank-name 开户行 --bank-account 账号`,
    en: (p) =>
      `Statements need the company profile first; missing: ${fieldList(p, 'en')}. Fill it in under Settings → Company profile, or run pwb company set --name N --credit-code C --address A --bank-name B --bank-account ACC`,
  },
  planLockBelowUsed: {
    'zh-CN': (p) => `不能将 ${String(p.node)} 锁定为 ${planAmount(p, 'lockedMinor')}：已存档的评估或结算批次已使用其部分月份的目标，合计 ${planAmount(p, 'usedMinor')}，修订会保留这些月份。`,
    en: (p) => `${String(p.node)} cannot be locked at ${planAmount(p, 'lockedMinor')}: stored evaluation or payout runs used ${planAmount(p, 'usedMinor')} of its months' targets, which a revision keeps.`,
  },
  planRevisionDoesNotFit: {
    'zh-CN': (p) => `修订后的分解放不下：${Number(p.runs)} 次已存档的评估或结算批次已使用本计划的部分月份目标（合计 ${planAmount(p, 'usedMinor')}），这些月份保持不变。请提高总额或调整锁定（${nestedText(p, 'zh-CN')}）。`,
    en: (p) => `The revision does not fit: ${englishCount(Number(p.runs), 'stored evaluation or payout run', 'stored evaluation or payout runs')} used some months of this plan (${planAmount(p, 'usedMinor')} in all), and those months stay as they were. Raise the total or change the locks (${nestedText(p, 'en')}).`,
  },
  workspaceDamaged: {
    'zh-CN': (p) => `工作区 ${String(p.path)} 已损坏：${integrityFindingText(p.finding, 'zh-CN')}。为保护数据，已拒绝修改。请恢复最近一份完好的备份（设置 → 备份，或 pwb restore）。`,
    en: (p) => `The workspace ${String(p.path)} is damaged: ${integrityFindingText(p.finding, 'en')}. Changes are refused to protect your data. Restore the latest good backup (Settings → Backups, or pwb restore).`,
  },
  wrongPassphrase: {
    'zh-CN': (p) => `口令不正确，无法打开工作区 ${String(p.path)}；未做任何更改。`,
    en: (p) => `Wrong passphrase for the workspace ${String(p.path)}; nothing was changed.`,
  },
  workspaceLocked: {
    'zh-CN': (p) => `工作区 ${String(p.path)} 已加密：请先输入口令打开它。`,
    en: (p) => `The workspace ${String(p.path)} is encrypted: enter its passphrase to open it first.`,
  },
  workspaceOpenAlready: {
    'zh-CN': (p) => `工作区 ${String(p.path)} 已经打开。`,
    en: (p) => `The workspace ${String(p.path)} is open already.`,
  },
  fileExists: {
    'zh-CN': (p) => `${String(p.path)} 已存在：请换一个文件名，或选择替换（命令行：--overwrite）`,
    en: (p) => `${String(p.path)} already exists: choose another name, or replace it (pwb: --overwrite)`,
  },
  // The machine's state while saving (electron/api/errors.ts): the operation was rolled back.
  'storage.diskFull': {
    'zh-CN': (p) => `未保存（${operationWord(p.operation, 'zh-CN')}）：工作区 ${String(p.path)} 所在磁盘已满。未做任何更改；请腾出空间后重试。`,
    en: (p) => `Not saved (${operationWord(p.operation, 'en')}): the disk holding the workspace ${String(p.path)} is full. Nothing was changed; free some space and try again.`,
  },
  'storage.readOnly': {
    'zh-CN': (p) => `未保存（${operationWord(p.operation, 'zh-CN')}）：工作区 ${String(p.path)} 对您只读（文件、文件夹或磁盘）。未做任何更改。`,
    en: (p) => `Not saved (${operationWord(p.operation, 'en')}): the workspace ${String(p.path)} is read-only for you (file, folder or disk). Nothing was changed.`,
  },
  'storage.ioError': {
    'zh-CN': (p) => `未保存（${operationWord(p.operation, 'zh-CN')}）：磁盘读写工作区 ${String(p.path)} 时出错。未做任何更改。`,
    en: (p) => `Not saved (${operationWord(p.operation, 'en')}): the disk reported a read or write error on the workspace ${String(p.path)}. Nothing was changed.`,
  },
  'storage.cannotOpen': {
    'zh-CN': (p) => `无法打开工作区 ${String(p.path)} 或其所在文件夹（${operationWord(p.operation, 'zh-CN')}）。未做任何更改。`,
    en: (p) => `The workspace ${String(p.path)} or its folder cannot be opened (${operationWord(p.operation, 'en')}). Nothing was changed.`,
  },
  'storage.corrupt': {
    'zh-CN': (p) => `工作区 ${String(p.path)} 已损坏（${operationWord(p.operation, 'zh-CN')}）。未做任何更改。请运行 pwb check 检查，并恢复最近一份完好的备份（设置 → 备份）。`,
    en: (p) => `The workspace ${String(p.path)} is damaged (${operationWord(p.operation, 'en')}). Nothing was changed. Run pwb check and restore the latest good backup (Settings → Backups).`,
  },
  'territory.notFound': {
    'zh-CN': (p) => `找不到区域 ${String(p.code)}`,
    en: (p) => `Territory ${String(p.code)} not found`,
  },
  'territory.codeTaken': {
    'zh-CN': (p) => `区域编码 ${String(p.code)} 已被使用，请换一个编码`,
    en: (p) => `The territory code ${String(p.code)} is already used: choose another one`,
  },
  'territory.moveUnderItself': {
    'zh-CN': (p) => `区域 ${String(p.code)} 不能移到它自身或它的下级区域（${String(p.parent)}）之下`,
    en: (p) => `Territory ${String(p.code)} cannot move under itself or one of its own sub-territories (${String(p.parent)})`,
  },
  'territory.kindMismatch': {
    'zh-CN': (p) =>
      `${String(p.code)}（${KIND_ZH[String(p.kind)] ?? String(p.kind)}）不能放在${p.parent ? ` ${String(p.parent)}（${KIND_ZH[String(p.parentKind)] ?? String(p.parentKind)}）之下` : '最上层'}：${KIND_RULE_ZH[String(p.parentKind) === 'city' ? 'underCity' : String(p.kind)] ?? ''}`,
    en: (p) =>
      `${String(p.code)} (${KIND_EN[String(p.kind)] ?? String(p.kind)}) cannot lie ${p.parent ? `under ${String(p.parent)} (${KIND_EN[String(p.parentKind)] ?? String(p.parentKind)})` : 'at the top level'}: ${KIND_RULE_EN[String(p.parentKind) === 'city' ? 'underCity' : String(p.kind)] ?? ''}`,
  },
  'territory.mergeIntoItself': {
    'zh-CN': () => '区域不能合并到它自身',
    en: () => 'A territory cannot be merged into itself',
  },
  'territory.mergeIntoDescendant': {
    'zh-CN': (p) => `区域 ${String(p.code)} 不能合并到它的下级区域（${String(p.into)}）`,
    en: (p) => `Territory ${String(p.code)} cannot be merged into one of its own sub-territories (${String(p.into)})`,
  },
  'coverage.areaOutside': {
    'zh-CN': (p) => `${String(p.area)} 不在 ${String(p.territory)} 之内：覆盖地区必须是该区域下的省份或城市`,
    en: (p) => `${String(p.areaEn)} does not lie in ${String(p.territoryEn)}: the area must be a province or city under the territory`,
  },
  'coverage.duplicate': {
    'zh-CN': () => '该覆盖目标已存在（同一区域、地区和渠道类型），请直接修改其目标伙伴数',
    en: () => 'That coverage target already exists (same territory, area and channel type): change its number instead',
  },
  // An all-or-nothing import refused: the window offers "import the valid rows" as a choice, the CLI names --accept-valid.
  importRowsRejected: {
    'zh-CN': (p) => `${String(p.fileName)}：${String(p.rowsRead)} 行中有 ${String(p.rejected)} 行有错误，因此没有导入任何数据（请修正这些行，或选择只导入有效的行）。第一处：${firstRowError(p, 'zh-CN')}`,
    en: (p) => `${String(p.fileName)}: ${String(p.rejected)} of ${englishCount(p.rowsRead, 'row', 'rows')} ${p.rejected === 1 ? 'has' : 'have'} errors, so nothing was imported (fix them, or choose to import only the valid rows). First: ${firstRowError(p, 'en')}`,
  },
  riskResidualPair: {
    'zh-CN': () => '剩余可能性和剩余影响程度须同时填写（或都不填）',
    en: () => 'Residual likelihood and residual impact are given together (or both left empty)',
  },
  riskResidualAboveInherent: { 'zh-CN': () => '剩余风险分值不能高于固有风险分值', en: () => 'The residual score cannot be higher than the inherent score' },
  riskCodeTaken: { 'zh-CN': (p) => `风险编号 ${String(p.code)} 已被使用：请换一个编号`, en: (p) => `Risk code ${String(p.code)} is already used: choose another code` },
  // Browser mode: a file is uploaded to the local server before it is imported.
  uploadTooLarge: {
    'zh-CN': (p) => `文件超过 ${mb(p.limitBytes, 0)} MB，无法上传：请把数据分成几个文件，或在桌面版中直接打开文件`,
    en: (p) => `The file is larger than ${mb(p.limitBytes, 0)} MB and cannot be uploaded: split it into several files, or open it in the desktop app`,
  },
  uploadFailed: {
    'zh-CN': (p) => `${p.fileName ? `${String(p.fileName)} ` : ''}上传失败：请检查本机服务是否仍在运行，然后重试`,
    en: (p) => `Uploading ${p.fileName ? String(p.fileName) : 'the file'} failed: check that the local server is still running, and try again`,
  },
  // A file refused as a whole (empty, header only, undecodable, unknown sheet, missing columns, beyond a limit…).
  importFileRefused: {
    'zh-CN': (p) => importRefusalText(p as ImportWhere & { problems?: ImportProblem[] }, 'zh-CN'),
    en: (p) => importRefusalText(p as ImportWhere & { problems?: ImportProblem[] }, 'en'),
  },
  // A sales file read again under the write lock (a partner it names changed meanwhile) whose content changed too.
  // The same file content again (the CLI without --replace/--force; the window asks before it runs the import).
  importAlreadyImported: {
    'zh-CN': (p) =>
      `${String(p.fileName)} 已导入过：导入 ${String(p.importId)}（${String(p.earlierFile)}，${String(p.at)} UTC，读取 ${String(p.rowsRead)} 行，新增 ${String(p.inserted)}，更新 ${String(p.updated)}）。再次导入可能使数据重复：替换那次导入（--replace ${String(p.importId)}：在一个事务中撤销它并导入此文件），或仍然导入（--force）`,
    en: (p) =>
      `${String(p.fileName)} was already imported: import ${String(p.importId)} (${String(p.earlierFile)}, ${String(p.at)} UTC, ${englishCount(p.rowsRead, 'row', 'rows')}, ${String(p.inserted)} inserted, ${String(p.updated)} updated). Importing it again could double its lines: replace that import (--replace ${String(p.importId)}: undo it and import this file in one transaction) or import anyway (--force)`,
  },
  importFileChanged: {
    'zh-CN': (p) => `${String(p.fileName)} 在导入过程中被修改，因此没有导入任何数据：请重新导入该文件`,
    en: (p) => `${String(p.fileName)} changed while it was being imported, so nothing was imported: import it again`,
  },
  paidBeforeApproval: {
    'zh-CN': (p) => `结算批次 #${String(p.runId)} 于 ${String(p.approvedOn)} 批准，付款日期 ${String(p.paidOn)} 不能早于批准日期`,
    en: (p) => `Payout run #${String(p.runId)} was approved on ${String(p.approvedOn)}: the payment date ${String(p.paidOn)} cannot be before that`,
  },
  printTooLarge: {
    'zh-CN': (p) => `打印最多 ${String(p.max)} 行，当前表格超过此数：请先筛选，或改用导出`,
    en: (p) => `Printing is for up to ${englishCount(p.max, 'row', 'rows')} and this grid shows more: filter it first, or export it`,
  },
  // Market development funds (市场费用)
  mdfOverspend: {
    'zh-CN': (p) => `批准 ${mdfMoney(p, 'committedMinor')} 将超支：${p.allocation ? `伙伴 ${String(p.partnerCode)} 的分配额度仅剩` : `基金 ${String(p.fundCode)} 可用余额仅剩`} ${mdfMoney(p, 'availableMinor')}`,
    en: (p) => `Approving ${mdfMoney(p, 'committedMinor')} would overspend: ${p.allocation ? `partner ${String(p.partnerCode)}'s allocation has` : `fund ${String(p.fundCode)} has`} ${mdfMoney(p, 'availableMinor')} left`,
  },
  mdfClaimAboveLimit: {
    'zh-CN': (p) => `核销金额 ${mdfMoney(p, 'amountMinor')} 超过可核销上限：批准费用 ${mdfMoney(p, 'approvedMinor')} × 公司承担比例 ${String(p.share)} = ${mdfMoney(p, 'limitMinor')}`,
    en: (p) => `The claim of ${mdfMoney(p, 'amountMinor')} is more than the request allows: approved ${mdfMoney(p, 'approvedMinor')} × share ${String(p.share)} = ${mdfMoney(p, 'limitMinor')}`,
  },
  mdfProofTooLarge: {
    'zh-CN': (p) => `凭证文件 ${String(p.file)} 大小为 ${mb(p.sizeBytes)} MB，每个文件不能超过 ${mb(p.limitBytes, 0)} MB`,
    en: (p) => `Proof file ${String(p.file)} is ${mb(p.sizeBytes)} MB; the limit is ${mb(p.limitBytes, 0)} MB per file`,
  },
  mdfProofForbiddenType: {
    'zh-CN': (p) => `凭证文件 ${String(p.file)} 不是 PDF、JPEG、PNG、GIF、WebP 图片或 OFD 电子发票（按文件内容判断，而非文件名）`,
    en: (p) => `Proof file ${String(p.file)} is not a PDF, JPEG, PNG, GIF, WebP image or OFD e-invoice (judged by its content, not its name)`,
  },
  mdfClaimNotApproved: {
    'zh-CN': (p) => `市场费用核销 #${String(p.claimId)} 尚未审核通过，请先审核再付款`,
    en: (p) => `MDF claim ${String(p.claimId)} is not approved yet: approve it before paying`,
  },
  mdfOutOfScope: {
    'zh-CN': (p) => `合作伙伴 ${String(p.partnerCode)} 不在基金 ${String(p.fundCode)} 的适用范围内（区域、渠道类型、级别或指定伙伴）`,
    en: (p) => `Partner ${String(p.partnerCode)} is outside fund ${String(p.fundCode)}'s scope (territory, channel type, tier or partner)`,
  },
  // HQ consolidation (issue 19).
  'hq.keychainUnavailable': {
    'zh-CN': () => '此处无法使用系统钥匙串（浏览器模式，或 Linux 未安装密钥环）：请把总部密码放在密钥文件、PGPASSWORD 或 ~/.pgpass 中',
    en: () => 'The OS keychain is not available here (browser mode, or Linux without a keyring): keep the HQ password in a key file, PGPASSWORD or ~/.pgpass',
  },
  'hq.passwordEmpty': {
    'zh-CN': () => '总部密码不能为空',
    en: () => 'The HQ password is empty',
  },
  'hq.passwordFileOpen': {
    'zh-CN': (p) => `总部密码文件 ${String(p.file)} 其他用户也能读取（权限 ${String(p.mode)}）：请先执行 chmod 600`,
    en: (p) => `The HQ password file ${String(p.file)} can be read by other users (mode ${String(p.mode)}): chmod 600 it first`,
  },
  // The refusals of the HQ connection, schema and commands: one text per reason for the window and the CLI.
  OFFLINE: {
    'zh-CN': (p) => `当前无法连接总部${p.server ? `服务器 ${String(p.server)}` : ''}${p.detail || p.code ? `（${hqProblemText(p, 'zh-CN')}）` : ''}。数据没有丢失：变更保留在本工作区，下次上报时发送（应用每 15 分钟自动上报，或点击“立即上报”，或运行 pwb hq publish）。`,
    en: (p) => `HQ${p.server ? ` server ${String(p.server)}` : ''} cannot be reached right now${p.detail || p.code ? ` (${hqProblemText(p, 'en')})` : ''}. Nothing was lost: the changes stay in this workspace and are sent on the next publish (the app tries every 15 minutes, or Publish now, or pwb hq publish).`,
  },
  LOGIN: {
    'zh-CN': (p) =>
      p.cause === 'noPassword'
        ? `总部服务器${p.server ? ` ${String(p.server)}` : ''}要求密码，但没有找到：请在“设置 → 总部”中保存到系统钥匙串，或提供密码密钥文件（--password-file）、PGPASSWORD 或 ~/.pgpass 中的一行。`
        : `总部服务器${p.server ? ` ${String(p.server)}` : ''}拒绝登录：请检查地址中的角色和密码（系统钥匙串、密码密钥文件、PGPASSWORD 或 ~/.pgpass）。`,
    en: (p) =>
      p.cause === 'noPassword'
        ? `HQ server${p.server ? ` ${String(p.server)}` : ''} asks for a password and none was found: save it in the OS keychain (Settings → HQ), or give a key file (--password-file), PGPASSWORD or a ~/.pgpass line.`
        : `HQ server${p.server ? ` ${String(p.server)}` : ''} refused the login: check the role in the address and the password (OS keychain, key file, PGPASSWORD or ~/.pgpass).`,
  },
  'hq.fiscalStartMonth': {
    'zh-CN': (p) => `--fiscal-start-month 应为 1–12 的月份（收到 ${String(p.value)}）。`,
    en: (p) => `--fiscal-start-month must be a month 1–12 (got ${String(p.value)}).`,
  },
  'hq.publishCancelled': {
    'zh-CN': (p) => `上报已取消：已发送 ${String(p.changes ?? 0)} 项变更，其余变更保留在本工作区，下次上报时发送。`,
    en: (p) => `Publishing was cancelled after ${englishCount(p.changes ?? 0, 'change', 'changes')}; the rest stay in this workspace and are sent on the next publish.`,
  },
  NOT_CONFIGURED: {
    'zh-CN': () => '尚未配置总部连接：请先在“设置 → 总部”中填写总部地址和办事处并保存。',
    en: () => 'No HQ connection is configured: enter the HQ address and the office under Settings → HQ first, then Save.',
  },
  NO_OFFICE: {
    'zh-CN': () => '请先填写本工作区所属的办事处（设置 → 总部，或 --office 名称）。',
    en: () => "Name this workspace's office first (Settings → HQ, or --office NAME).",
  },
  OFFICE_NAME: {
    'zh-CN': () => '办事处名称应为 1–100 个字符。',
    en: () => 'The office name must have 1–100 characters.',
  },
  HQ_SCHEMA_NEWER: {
    'zh-CN': (p) => `总部数据库的结构版本（${String(p.found)}）比本程序能识别的（${String(p.known)}）新：请升级渠道伙伴工作台。没有发送或修改任何数据。`,
    en: (p) => `The HQ database has schema version ${String(p.found)}, newer than this version of Partner Workbench understands (${String(p.known)}): update the app. Nothing was sent or changed.`,
  },
  HQ_SCHEMA_OLDER: {
    'zh-CN': (p) => `总部数据库的结构版本（${String(p.found)}）低于本程序需要的（${String(p.known)}）：请总部运行 pwb hq setup 升级。没有发送任何数据。`,
    en: (p) => `The HQ database has schema version ${String(p.found)}; this app needs ${String(p.known)}: HQ runs pwb hq setup to migrate it. Nothing was sent.`,
  },
  HQ_NOT_SET_UP: {
    'zh-CN': () => '该数据库尚未设置为总部数据库：总部需先运行一次 pwb hq setup --hq 地址。',
    en: () => 'This database is not set up as a Partner Workbench HQ yet: HQ runs pwb hq setup --hq URL once.',
  },
  PERMISSION: {
    'zh-CN': () => '总部拒绝了这次写入或读取：该工作区已登记在其他办事处的角色下，或此角色无权读取其他办事处的数据（总部汇总需要 pwb_hq_reader 权限）。',
    en: () => "HQ refused this write or read: this workspace is registered to another office's role, or this role may not read other offices (the HQ overview needs pwb_hq_reader).",
  },
  NO_DATABASE: {
    'zh-CN': (p) => `总部服务器${p.server ? ` ${String(p.server)}` : ''}上没有这个数据库：请检查地址中的数据库名（总部用 createdb 创建）。`,
    en: (p) => `There is no such database on the HQ server${p.server ? ` ${String(p.server)}` : ''}: check the database name in the address (HQ creates it with createdb).`,
  },
  SERVER: {
    'zh-CN': (p) => `总部服务器${p.server ? ` ${String(p.server)}` : ''}报错${p.detail || p.code ? `：${hqProblemText(p, 'zh-CN')}` : ''}。没有丢失任何数据，请稍后重试或联系总部。`,
    en: (p) => `The HQ server${p.server ? ` ${String(p.server)}` : ''} reported an error${p.detail || p.code ? `: ${hqProblemText(p, 'en')}` : ''}. Nothing was lost; try again later or contact HQ.`,
  },
  URL: {
    'zh-CN': () => '请提供总部地址：postgres:// 开头，如 postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full（命令行：--hq 地址 或 PWB_HQ_URL）。',
    en: () => 'Give the HQ address as a postgres:// URL, e.g. postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full (command line: --hq URL or PWB_HQ_URL).',
  },
  PASSWORD_FILE: {
    'zh-CN': (p) => `无法读取总部密码密钥文件${p.file ? ` ${String(p.file)}` : ''}。`,
    en: (p) => `The HQ password key file${p.file ? ` ${String(p.file)}` : ''} cannot be read.`,
  },
  PASSWORD: {
    'zh-CN': () => '请提供办事处角色的密码：--office-password-file 文件 或 PWB_OFFICE_PASSWORD。',
    en: () => 'Give the office password with --office-password-file FILE or PWB_OFFICE_PASSWORD.',
  },
  PASSWORD_SHORT: {
    'zh-CN': () => '办事处角色的密码至少需要 12 个字符。',
    en: () => 'The office password must have at least 12 characters.',
  },
  ROLE_NAME: {
    'zh-CN': (p) => `角色名只能包含小写字母、数字和下划线${p.role ? `（收到 ${String(p.role)}）` : ''}。`,
    en: (p) => `A role name has lower-case letters, digits and _ only${p.role ? ` (got ${String(p.role)})` : ''}.`,
  },
  PERIOD: {
    'zh-CN': (p) => `${p.label ? `“${String(p.label)}”` : '该值'}不是有效的期间（如 2025-Q1、2025-03、2025-H1、2025）。`,
    en: (p) => `${p.label ? `“${String(p.label)}”` : 'That'} is not a period (e.g. 2025-Q1, 2025-03, 2025-H1, 2025).`,
  },
  KIND: {
    'zh-CN': (p) => `未知的参考数据类型${p.kind ? ` ${String(p.kind)}` : ''}：应为 territory（区域）、product（产品）、course（课程）或 program_template（激励政策模板）。`,
    en: (p) => `Unknown reference data kind${p.kind ? ` ${String(p.kind)}` : ''}: one of territory, product, course, program_template.`,
  },
  ITEM: {
    'zh-CN': () => '参考数据的每一项都需要编码（code）和名称（name）。',
    en: () => 'Every reference data item needs a code and a name.',
  },
  DUPLICATE: {
    'zh-CN': (p) => `参考数据中编码${p.code ? ` ${String(p.code)}` : ''}出现了两次。`,
    en: (p) => `Code${p.code ? ` ${String(p.code)}` : ''} appears twice in the reference data.`,
  },
  FILE: {
    'zh-CN': (p) => `${p.file ? `${String(p.file)}：` : ''}应为 JSON 列表 [{"code","name","data"}]。`,
    en: (p) => `${p.file ? `${String(p.file)}: ` : ''}expected a JSON list of {"code","name","data"}.`,
  },
  'hq.templateNotFound': {
    'zh-CN': (p) => `没有从总部获取到激励政策模板 ${String(p.template)}：请先运行“从总部获取”（pwb hq pull），或检查模板编码（pwb hq reference list --kind program_template）。`,
    en: (p) => `No program template ${String(p.template)} was pulled from HQ: pull from HQ first (pwb hq pull), or check the template code (pwb hq reference list --kind program_template).`,
  },
  productCodeTaken: {
    'zh-CN': (p) => `产品编码 ${String(p.code)} 已被使用：请换一个编码。`,
    en: (p) => `The product code ${String(p.code)} is taken already: choose another code.`,
  },
  programCodeTaken: {
    'zh-CN': (p) => `激励政策编码 ${String(p.code)} 已被使用：请换一个编码。`,
    en: (p) => `The program code ${String(p.code)} is taken already: choose another code.`,
  },
  'hq.referenceReadOnly': {
    'zh-CN': (p) =>
      `${REFERENCE_KIND_WORDS[String(p.kind)]?.[0] ?? String(p.kind)}${p.code ? ` ${String(p.code)}` : ''} 由总部统一下发${p.version ? `（版本 ${String(p.version)}）` : ''}，不能在本地修改或删除；请联系总部修改，再运行“从总部获取”（pwb hq pull）`,
    en: (p) =>
      `${REFERENCE_KIND_WORDS[String(p.kind)]?.[1] ?? String(p.kind)}${p.code ? ` ${String(p.code)}` : ''} comes from HQ${p.version ? ` (version ${String(p.version)})` : ''} and cannot be changed or deleted here; ask HQ to change it, then pull from HQ (pwb hq pull)`,
  },
  'hq.referencePricesReadOnly': {
    'zh-CN': (p) =>
      `${p.code ? `产品 ${String(p.code)} 的` : '该产品的'}价格由总部统一下发${p.version ? `（版本 ${String(p.version)}）` : ''}，不能在本地设置、修改或删除；请联系总部调整价格，再运行“从总部获取”（pwb hq pull）`,
    en: (p) =>
      `${p.code ? `The prices of product ${String(p.code)}` : "This product's prices"} come from HQ${p.version ? ` (version ${String(p.version)})` : ''} and cannot be set, changed or deleted here; ask HQ to change them, then pull from HQ (pwb hq pull)`,
  },
  'hq.referencePriceInvalid': {
    'zh-CN': (p) =>
      `总部产品 ${String(p.code)} 的${Number(p.period) > 0 ? `第 ${String(p.period)} 个` : ''}价格时段无效${p.field ? `（${String(p.field)}）` : ''}：每个时段需要开始日期 validFrom（如 2025-01-01）、不早于开始日期的结束日期 validTo（可不填）、至少一个以分计的非负整数价格 floorPriceMinor（控价底价）或 listPriceMinor（建议零售价），币种 currency 为三个字母（默认 CNY）`,
    en: (p) =>
      `HQ product ${String(p.code)}: ${Number(p.period) > 0 ? `price period ${String(p.period)}` : 'the prices'} ${p.field ? `(${String(p.field)}) ` : ''}is not valid: each period needs validFrom (e.g. 2025-01-01), an optional validTo not before it, a floor price floorPriceMinor or a list price listPriceMinor as a whole non-negative number of minor units (fen), and currency as three letters (CNY by default)`,
  },
  'hq.referencePriceDuplicate': {
    'zh-CN': (p) => `总部产品 ${String(p.code)} 有两个价格时段都从 ${String(p.validFrom)} 开始；每个开始日期只能有一个时段`,
    en: (p) => `HQ product ${String(p.code)} has two price periods starting on ${String(p.validFrom)}; one period per start day`,
  },
  importNotCommitted: {
    'zh-CN': (p) => `导入 ${String(p.importId)}（${String(p.file)}）当前为“${importStatusWord(p.status, 'zh-CN')}”，只有已导入的导入记录才能撤销`,
    en: (p) => `Import ${String(p.importId)} (${String(p.file)}) is ${importStatusWord(p.status, 'en')}: only an imported one can be undone`,
  },
  importUndoChanged: {
    'zh-CN': (p) => `${undoEntityWord(p.entity, 'zh-CN')} ${String(p.key)} 在导入 ${String(p.importId)} 之后${p.deleted ? '被删除' : '被修改'}：请先撤销或还原那次修改`,
    en: (p) => `The ${undoEntityWord(p.entity, 'en')} ${String(p.key)} was ${p.deleted ? 'deleted' : 'changed'} after import ${String(p.importId)}; undo or revert that change first`,
  },
  importUndoInUse: {
    'zh-CN': (p) => `${undoEntityWord(p.entity, 'zh-CN')} ${String(p.key)} 已被导入 ${String(p.importId)} 之后添加的数据使用（销售、目标、培训、风险等）：请先删除那些数据`,
    en: (p) => `The ${undoEntityWord(p.entity, 'en')} ${String(p.key)} is used by data added after import ${String(p.importId)} (sales, targets, training, risks…); remove that first`,
  },
  importUndoRowsChanged: {
    'zh-CN': (p) => `导入 ${String(p.importId)} 新增了 ${String(p.inserted)} 行，现在只剩 ${String(p.remaining)} 行与导入时一致：其余已被修改或删除，无法撤销此次导入`,
    en: (p) => `Import ${String(p.importId)} added ${englishCount(p.inserted, 'row', 'rows')}, but ${String(p.remaining)} ${p.remaining === 1 ? 'is' : 'are'} still there: they were changed or deleted since, so the import cannot be undone`,
  },
  importUndoPaidOut: {
    'zh-CN': (p) =>
      `导入 ${String(p.importId)} 的销售明细已被${payoutRunList(p, 'zh-CN')}使用：请先作废结算批次`,
    en: (p) => `Sales lines of import ${String(p.importId)} were used by ${payoutRunList(p, 'en')}; void the run first`,
  },
  evaluationPartnersMissing: {
    'zh-CN': (p) => `以下合作伙伴无法评估（不存在、已删除、处于潜在状态或在 ${String(p.periodEnd)} 之后才加入）：${listOf(p.missing, 'zh-CN')}`,
    en: (p) => `Not evaluated (unknown, deleted, prospect or joined after ${String(p.periodEnd)}): ${listOf(p.missing, 'en')}`,
  },
  tierNoRecommendation: {
    'zh-CN': () => '该评估卡没有渠道等级调整建议，无需决定',
    en: () => 'This scorecard has no tier recommendation to decide on',
  },
  tierAlreadyDecided: {
    'zh-CN': (p) => `该渠道等级调整建议已经${p.decision === 'accepted' ? '被接受' : '被拒绝'}`,
    en: (p) => `This recommendation was already ${p.decision === 'accepted' ? 'accepted' : 'rejected'}`,
  },
  tierPartnerDeleted: {
    'zh-CN': (p) => `合作伙伴 ${String(p.code)} 已删除：请先恢复，再决定渠道等级调整`,
    en: (p) => `Partner ${String(p.code)} has been deleted; restore it before deciding on its tier`,
  },
  tierChangedSinceEvaluation: {
    'zh-CN': (p) => `评估之后合作伙伴的渠道等级已变化（现为${tierWord(p.now, 'zh-CN')}，评估时为${tierWord(p.evaluated, 'zh-CN')}）：请重新评估后再接受建议`,
    en: (p) => `The partner's tier changed since the evaluation (now ${tierWord(p.now, 'en')}, evaluated as ${tierWord(p.evaluated, 'en')}); evaluate again before accepting`,
  },
  scheduleCycleLocked: {
    'zh-CN': () => '已运行过的评估计划不能修改评估周期（否则其期间将对不上）：请新建一个评估计划',
    en: () => 'A schedule that has run cannot change its cycle (its periods would no longer match); create a new schedule instead',
  },
  scheduleHasRun: {
    'zh-CN': () => '该评估计划已运行过，其记录需保留：请停用它，而不是删除',
    en: () => 'This schedule has run already: its record is kept. Disable it instead of deleting it.',
  },
  scorecardsNeedPeriodOrRun: {
    'zh-CN': () => '请指定期间或评估运行',
    en: () => 'Give a period or a run',
  },
  riskAlreadyClosed: {
    'zh-CN': (p) => `风险 ${String(p.code)} 已关闭`,
    en: (p) => `Risk ${String(p.code)} is already closed`,
  },
  riskActionTwice: {
    'zh-CN': (p) => `缓解行动 ${String(p.actionId)} 在风险 ${String(p.code)} 的行动列表中出现了两次：请只保留一条`,
    en: (p) => `Mitigation action ${String(p.actionId)} is listed twice for risk ${String(p.code)}; keep it once`,
  },
  reviewMeetingOtherPartner: {
    'zh-CN': (p) => `业务回顾 ${String(p.id)} 属于合作伙伴 ${String(p.code)}，不能改到其他合作伙伴名下：请为该合作伙伴新建业务回顾`,
    en: (p) => `Review meeting ${String(p.id)} belongs to partner ${String(p.code)} and cannot move to another partner; add a new meeting for that partner`,
  },
  reviewNoPartners: {
    'zh-CN': (p) =>
      `${reviewScope(p, 'zh-CN')}没有可出具回顾材料的合作伙伴（只有合作中、入驻中、考察期和暂停的合作伙伴才会生成）`,
    en: (p) => `No partner to review${reviewScope(p, 'en')} (only active, onboarding, probation and suspended partners get packs)`,
  },
  backupIsWorkspace: {
    'zh-CN': () => '备份文件不能是工作区文件本身：请另选一个文件',
    en: () => 'The backup file must not be the workspace itself; choose another file',
  },
  backupFileExists: {
    'zh-CN': (p) => `${String(p.path)} 已存在：请另选一个文件`,
    en: (p) => `${String(p.path)} already exists; choose another file`,
  },
  restoreIsWorkspace: {
    'zh-CN': () => '要恢复的备份就是当前工作区文件本身：请选择一个备份文件',
    en: () => 'The backup to restore is the workspace itself; choose a backup file',
  },
  'backup.missing': {
    'zh-CN': (p) => `${String(p.path)} 不存在或不是文件`,
    en: (p) => `${String(p.path)} does not exist or is not a file`,
  },
  'backup.integrity': {
    'zh-CN': (p) => `完整性检查未通过：${findingList(p.findings, 'zh-CN')}`,
    en: (p) => `the integrity check failed: ${findingList(p.findings, 'en')}`,
  },
  'backup.notWorkspace': {
    'zh-CN': (p) => `不是渠道伙伴工作台的工作区（缺少数据表：${listOf(p.missing, 'zh-CN')}）`,
    en: (p) => `not a Partner Workbench workspace (missing tables: ${listOf(p.missing, 'en')})`,
  },
  'backup.noSchemaVersion': {
    'zh-CN': () => '不是渠道伙伴工作台的工作区（没有数据库版本）',
    en: () => 'not a Partner Workbench workspace (no schema version)',
  },
  'backup.newer': {
    'zh-CN': (p) => `由更新版本的应用写入（数据库版本 ${String(p.schemaVersion)}，本应用支持到 ${String(p.appSchemaVersion)}）：请先升级应用`,
    en: (p) => `written by a newer version of the app (schema ${String(p.schemaVersion)}, this app knows ${String(p.appSchemaVersion)}); update the app first`,
  },
  'backup.unreadable': {
    'zh-CN': (p) => `无法作为 SQLite 数据库读取（${SQLITE_WORDS[String(p.sqliteCode)] ?? String(p.detail)}）`,
    en: (p) => `cannot be read as a SQLite database (${String(p.detail)})`,
  },
  restoreNotUsable: {
    'zh-CN': (p) => `未恢复：${String(p.path)} 不能用作工作区：${backupIssues(p, 'zh-CN')}`,
    en: (p) => `Not restored: ${String(p.path)} cannot be used as a workspace: ${backupIssues(p, 'en')}`,
  },
  restoreCopyInvalid: {
    'zh-CN': (p) => `未恢复：${String(p.path)} 的副本校验未通过：${backupIssues(p, 'zh-CN')}；当前工作区保持不变`,
    en: (p) => `Not restored: the copy of ${String(p.path)} failed validation: ${backupIssues(p, 'en')}; the workspace is unchanged`,
  },
  riskBandsInvalid: {
    'zh-CN': (p) => `风险等级分段无效：${bandProblems(p, 'zh-CN')}`,
    en: (p) => `The risk level bands are not valid: ${bandProblems(p, 'en')}`,
  },
  backupCheckFailed: {
    'zh-CN': (p) => `备份 ${String(p.path)} 未通过完整性检查：${findingList(String(p.findings ?? '').split('; '), 'zh-CN')}。未保留此备份：工作区本身可能已损坏，请运行 pwb check 检查`,
    en: (p) => `The backup ${String(p.path)} failed its integrity check: ${findingList(String(p.findings ?? '').split('; '), 'en')}. It was not kept: the workspace itself may be damaged; run pwb check`,
  },
  backupInMemory: {
    'zh-CN': () => '此工作区只在内存中，没有可备份的文件',
    en: () => 'This workspace is in memory: there is no file to back up',
  },
  restoreWhileOpen: {
    'zh-CN': () => '此工作区打开时无法替换：请关闭应用后运行 pwb restore --db <工作区> --from <备份文件>',
    en: () => 'This workspace cannot be swapped while open; close the app and use pwb restore --db <workspace> --from <backup>',
  },
  restoreOpenFailed: {
    'zh-CN': (p) => `未恢复：打开从 ${String(p.path)} 恢复的工作区失败：${integrityFindingText(p.detail, 'zh-CN')}；原工作区已放回`,
    en: (p) => `Not restored: opening the workspace restored from ${String(p.path)} failed: ${integrityFindingText(p.detail, 'en')}; the old workspace is back in place`,
  },
  // Target plans: the allocation down the tree (electron/domain/plans/allocation.ts), named by the node's name.
  planAllocation: {
    'zh-CN': (p) => allocationProblem(p, 'zh-CN'),
    en: (p) => allocationProblem(p, 'en'),
  },
  planWorkbookColumns: {
    'zh-CN': (p) => `${String(p.file)}（工作表“${String(p.sheet)}”）缺少列：${listOf((p.missing as string[] | undefined)?.map((k) => PLAN_COLUMN_WORDS[k]?.[0] ?? k), 'zh-CN')}（请先导出目标计划，按导出的格式编辑）`,
    en: (p) => `${String(p.file)}, sheet ${String(p.sheet)}: missing column ${listOf((p.missing as string[] | undefined)?.map((k) => PLAN_COLUMN_WORDS[k]?.[1] ?? k), 'en')} (export the plan to get the layout)`,
  },
  planWorkbookRows: {
    'zh-CN': (p) => `${String(p.file)} 有 ${String(p.count)} 处错误，未做任何修改：${planRowProblems(p, 'zh-CN')}`,
    en: (p) => `${String(p.file)}: ${englishCount(p.count, 'error', 'errors')}; nothing was changed: ${planRowProblems(p, 'en')}`,
  },
  planWorkbookDoesNotFit: {
    'zh-CN': (p) => `${String(p.file)} 中的金额无法对上，未做任何修改：${nestedText(p, 'zh-CN')}`,
    en: (p) => `${String(p.file)}: the amounts do not fit together; nothing was changed: ${nestedText(p, 'en')}`,
  },
  // Market development funds: funds, allocations, proof files.
  mdfFundUnnamed: {
    'zh-CN': () => '请指定市场费用基金（编码或编号）',
    en: () => 'Name the fund (its code or id)',
  },
  mdfClaimDeadlineBeforeFund: {
    'zh-CN': (p) => `核销截止日 ${String(p.claimBy)} 早于基金期间的开始日 ${String(p.startsOn)}`,
    en: (p) => `The claim deadline ${String(p.claimBy)} is before the fund's period starts (${String(p.startsOn)})`,
  },
  mdfBudgetBelowCommitted: {
    'zh-CN': (p) => `基金 ${String(p.fundCode)} 的预算不能低于已批准或已分配的金额 ${mdfMoney(p, 'floorMinor')}`,
    en: (p) => `Fund ${String(p.fundCode)}'s budget cannot go below what is already approved or allocated (${mdfMoney(p, 'floorMinor')})`,
  },
  mdfAllocationEmpty: {
    'zh-CN': () => '请至少填写一个合作伙伴及其分配金额',
    en: () => 'Give at least one partner and amount to allocate',
  },
  mdfProRataTakesTotal: {
    'zh-CN': () => '按销售额比例分配只需填写总金额，不能逐个填写合作伙伴的金额（逐个填写请选手工分配）',
    en: () => 'A pro-rata allocation takes an amount, not per-partner amounts (choose manual allocation for those)',
  },
  mdfNoRevenueBasis: {
    'zh-CN': (p) => `基金 ${String(p.fundCode)} 适用范围内的合作伙伴在 ${String(p.period)} 没有以 ${String(p.currency)} 计的销售额，无法按比例分配：请换一个基准期间，或改用手工分配`,
    en: (p) => `No partner in fund ${String(p.fundCode)}'s scope had revenue in ${String(p.currency)} in ${String(p.period)}, so there is nothing to split by: choose another basis period, or allocate manually`,
  },
  mdfAllocationsOverBudget: {
    'zh-CN': (p) => `分配合计 ${mdfMoney(p, 'totalMinor')} 将超过基金 ${String(p.fundCode)} 的预算 ${mdfMoney(p, 'budgetMinor')}`,
    en: (p) => `Allocations would add up to ${mdfMoney(p, 'totalMinor')}, more than fund ${String(p.fundCode)}'s budget of ${mdfMoney(p, 'budgetMinor')}`,
  },
  mdfAllocationBelowApproved: {
    'zh-CN': (p) => `合作伙伴 ${String(p.partnerCode)} 已从基金 ${String(p.fundCode)} 获批 ${mdfMoney(p, 'approvedMinor')}：其分配额度不能低于此金额`,
    en: (p) => `Partner ${String(p.partnerCode)} already has ${mdfMoney(p, 'approvedMinor')} approved from fund ${String(p.fundCode)}: its allocation cannot be lower`,
  },
  mdfProofEmpty: {
    'zh-CN': (p) => `凭证文件 ${String(p.file)} 是空文件`,
    en: (p) => `Proof file ${String(p.file)} is empty`,
  },
  mdfProofDamaged: {
    'zh-CN': (p) => `凭证文件 ${String(p.file)} 与保存时的 SHA-256 校验值不一致：工作区可能已损坏，请运行 pwb check 检查，并恢复最近一份完好的备份`,
    en: (p) => `Proof file ${String(p.file)} no longer matches its SHA-256: the workspace may be damaged. Run pwb check and restore the latest good backup`,
  },
  // A period label that is not one (evaluations, review packs, a program's calculation).
  notAPeriod: {
    'zh-CN': (p) => `“${String(p.period)}”不是有效的期间，可填写如 2025-Q4、2025-H1、2025-03 或 2025`,
    en: (p) => `${String(p.period)} is not a period; write e.g. 2025-Q4, 2025-H1, 2025-03 or 2025`,
  },
  // Incentives: calculating a program, what-if, payout runs, inquiries, program files.
  programPeriodKind: {
    'zh-CN': (p) => `激励政策 ${String(p.code)} 按${periodKindWord(p.kind, 'zh-CN')}计算，${String(p.period)} 是${periodKindWord(p.periodKind, 'zh-CN')}：请选择一个${periodKindWord(p.kind, 'zh-CN')}`,
    en: (p) => `Program ${String(p.code)} is calculated per ${periodKindWord(p.kind, 'en')}; ${String(p.period)} is a ${periodKindWord(p.periodKind, 'en')}: choose a ${periodKindWord(p.kind, 'en')}`,
  },
  programPeriodOutsideValidity: {
    'zh-CN': (p) => `期间 ${String(p.period)} 不在激励政策 ${String(p.code)} 的有效期（${String(p.validFrom)} – ${p.validTo ? String(p.validTo) : '长期'}）内`,
    en: (p) => `Period ${String(p.period)} is outside the validity of program ${String(p.code)} (${String(p.validFrom)} – ${p.validTo ? String(p.validTo) : '…'})`,
  },
  whatIfPeriodKind: {
    'zh-CN': (p) => `模拟方案须与结算批次 ${String(p.runId)} 一样按${periodKindWord(p.kind, 'zh-CN')}计算（方案为按${periodKindWord(p.variantKind, 'zh-CN')}）`,
    en: (p) => `The variant must be calculated per ${periodKindWord(p.kind, 'en')}, like run ${String(p.runId)} (it is per ${periodKindWord(p.variantKind, 'en')})`,
  },
  payoutRunStale: {
    'zh-CN': (p) => `结算批次 ${String(p.runId)} 计算之后，其依据的销售、目标或合作伙伴已有变化：请重新计算后再批准`,
    en: (p) => `The sales, targets or partners behind run ${String(p.runId)} changed since it was calculated; recalculate before approving`,
  },
  payoutAdjustmentZero: {
    'zh-CN': () => '调整金额为零，不会改变任何结果：请填写非零金额（扣减填负数）',
    en: () => 'An adjustment of zero changes nothing: give a non-zero amount (negative to deduct)',
  },
  inquiryAnswerRequired: {
    'zh-CN': () => '标记为已答复的结算疑问须填写答复内容',
    en: () => 'An answered inquiry needs an answer',
  },
  programNotJson: {
    'zh-CN': (p) => `激励政策文件不是有效的 JSON${jsonWhere(p, 'zh-CN')}`,
    en: (p) => `The program file is not valid JSON${jsonWhere(p, 'en')}`,
  },
  statementsRunNotApproved: {
    'zh-CN': (p) => `结算批次 ${String(p.runId)} 当前为“${statusWord(p.status, 'zh-CN')}”：只有已批准或已支付的结算批次才能出具结算单`,
    en: (p) => `Payout run ${String(p.runId)} is ${statusWord(p.status, 'en')}: statements are issued for approved or paid runs only`,
  },
  // Partner ledger (对账).
  ledgerRangeReversed: {
    'zh-CN': (p) => `起始日期 ${String(p.from)} 晚于结束日期 ${String(p.to)}`,
    en: (p) => `The range starts (${String(p.from)}) after it ends (${String(p.to)})`,
  },
  ledgerMixedCurrencies: {
    'zh-CN': (p) => `合作伙伴 ${String(p.code)} 以 ${String(p.currency)} 结算，但还有以 ${listOf(p.currencies, 'zh-CN')} 计的往来：对账按单一币种记录，无法合并出具`,
    en: (p) => `Partner ${String(p.code)} has ledger entries in ${listOf(p.currencies, 'en')} besides ${String(p.currency)}: the ledger is kept per currency`,
  },
  // Training, demo, workspace.
  trainingScoreOrPassed: {
    'zh-CN': () => '该课程设有及格分：请填写分数，或注明是否通过',
    en: () => 'This course has a passing score: give a score or say whether the trainee passed',
  },
  courseHasRecords: {
    'zh-CN': (p) => `课程 ${String(p.code)} 已有 ${String(p.count)} 条培训记录，不能删除：请将其停用`,
    en: (p) => `Course ${String(p.code)} has ${englishCount(p.count, 'training record', 'training records')} and cannot be deleted; retire it (inactive) instead`,
  },
  demoNotEmpty: {
    'zh-CN': () => '演示数据只能载入空的工作区：本工作区已有合作伙伴或销售数据（请新建一个工作区后再载入）',
    en: () => 'The demo dataset can only be loaded into an empty workspace: this one already has partners or sales (create a new workspace for the demo)',
  },
  // A file the user named cannot be read or written (electron/api/errors.ts FILE_ERRORS).
  fileProblem: {
    'zh-CN': (p) => `${p.path ? `${String(p.path)} ` : '文件'}${FILE_PROBLEM_WORDS[String(p.fsCode)]?.[0] ?? '无法访问'}（操作：${operationWord(p.operation, 'zh-CN')}）；未做任何更改`,
    en: (p) => `${p.path ? String(p.path) : 'A file'} ${FILE_PROBLEM_WORDS[String(p.fsCode)]?.[1] ?? 'cannot be accessed'} (step: ${operationWord(p.operation, 'en')}); nothing was changed`,
  },
  workspaceBusy: {
    'zh-CN': (p) => `工作区忙（另一个任务或程序正在写入），已等待 ${String(p.seconds)} 秒；未做任何更改，请稍后重试`,
    en: (p) => `The workspace stayed busy for ${String(p.seconds)} s (another job or program is writing); nothing was changed, try again`,
  },
  waitForJobs: {
    'zh-CN': () => '请等待正在运行的任务和备份完成后再试',
    en: () => 'Wait until running jobs and backups have finished, then try again',
  },
  // Fields a register refused (its own schema, for callers the contract did not check), each named as the import names it.
  invalidFields: {
    'zh-CN': (p) => `${recordWord(p, 'zh-CN')}的内容无效：${fieldIssues(p, 'zh-CN')}`,
    en: (p) => `The ${recordWord(p, 'en')} is not valid: ${fieldIssues(p, 'en')}`,
  },
  programFileInvalid: {
    'zh-CN': (p) => `文件中的第 ${String(p.index)} 个激励政策无效：${fieldIssues(p, 'zh-CN')}`,
    en: (p) => `Program ${String(p.index)} of the file is not valid: ${fieldIssues(p, 'en')}`,
  },
  // The integrity triggers' refusal (a database safety net behind the domain's own status checks).
  recordFrozen: {
    'zh-CN': (p) =>
      p.record === 'planVersion'
        ? '已发布的目标计划版本不能修改或删除：请发布新版本'
        : p.record === 'payoutRun'
          ? '已批准、已支付或已作废的结算批次及其明细已冻结，不能修改（已批准的结算批次只能标记为已支付或作废）'
          : '该记录已冻结，不能修改',
    en: (p) =>
      p.record === 'planVersion'
        ? 'A published plan version cannot be changed or deleted; publish a new version'
        : p.record === 'payoutRun'
          ? 'An approved, paid or void payout run and its lines are frozen and cannot be changed (an approved run can only be marked paid or void)'
          : 'This record is frozen and cannot be changed',
  },
  browserFileOutside: {
    'zh-CN': (p) => `浏览器模式下文件通过上传和下载传递：本机服务不会打开 ${String(p.path)}（只打开其自身文件夹中的文件）`,
    en: (p) => `In browser mode files are uploaded and downloaded; the server does not open ${String(p.path)} (only files in its own folder)`,
  },
  workspaceNewer: {
    'zh-CN': (p) => `${String(p.file)} 由更新版本的渠道伙伴工作台写入（数据结构版本 ${String(p.fileVersion)}，本程序只认识 ${String(p.appVersion)}）。请升级程序后再打开；文件没有被改动。`,
    en: (p) => `${String(p.file)} was written by a newer version of Partner Workbench (schema ${String(p.fileVersion)}, this app knows ${String(p.appVersion)}). Update the app to open it; the file was not changed.`,
  },
  // A write the database's own rules refused that the domain did not check first (e.g. the same code saved at once from two windows).
  dataConflict: {
    'zh-CN': (p) =>
      `与已有数据冲突，未做任何更改（操作：${operationWord(p.operation, 'zh-CN')}${Array.isArray(p.columns) ? `；${columnWords(p.columns, 'zh-CN')}的值已被使用` : ''}）：请刷新后重试`,
    en: (p) => `Conflicts with existing data; nothing was changed (step: ${operationWord(p.operation, 'en')}${Array.isArray(p.columns) ? `; the value of ${columnWords(p.columns, 'en')} is taken` : ''}): refresh and try again`,
  },
  // A job's worker thread that ended without an answer: its write transaction ended with it.
  jobWorkerExited: {
    'zh-CN': (p) => `后台任务（${operationWord(p.operation, 'zh-CN')}）意外结束（退出码 ${String(p.exitCode)}），未完成的部分没有保存：请重试；如再次出现，请运行 pwb check 检查工作区`,
    en: (p) => `The background job (${operationWord(p.operation, 'en')}) ended unexpectedly (exit code ${String(p.exitCode)}); what it had not finished was not saved: try again; if it happens again, run pwb check on the workspace`,
  },
  jobOutOfMemory: {
    'zh-CN': (p) => `后台任务（${operationWord(p.operation, 'zh-CN')}）内存不足，未完成的部分没有保存：请关闭其他程序后重试，或把文件拆分成几个较小的文件`,
    en: (p) => `The background job (${operationWord(p.operation, 'en')}) ran out of memory; what it had not finished was not saved: close other programs and try again, or split the file into smaller ones`,
  },
  workspaceNoIdentity: {
    'zh-CN': () => '此工作区缺少身份记录（workspace_identity）：请运行 pwb check 检查，或恢复最近一份完好的备份',
    en: () => 'This workspace has no identity row (workspace_identity): run pwb check, or restore the latest good backup',
  },
};

/** A file system problem (Node's error code) as a sentence says it after the path. */
const FILE_PROBLEM_WORDS: Record<string, [string, string]> = {
  ENOENT: ['不存在（或其所在文件夹不存在）', 'does not exist (or its folder does not)'],
  ENOTDIR: ['的路径中有一部分不是文件夹', 'has a part of its path that is not a folder'],
  EACCES: ['无法访问：当前用户没有权限', 'cannot be accessed: no permission for this user'],
  EPERM: ['无法访问：系统不允许此操作', 'cannot be accessed: the system does not permit it'],
  EISDIR: ['是文件夹，不是文件', 'is a folder, not a file'],
  EEXIST: ['已存在', 'already exists'],
  ENOSPC: ['无法写入：磁盘已满', 'cannot be written: the disk is full'],
  EDQUOT: ['无法写入：磁盘配额已用完', 'cannot be written: the disk quota is used up'],
  EROFS: ['无法写入：磁盘为只读', 'cannot be written: the disk is read-only'],
  ENAMETOOLONG: ['的名称过长', 'has a name that is too long'],
  EBUSY: ['正被其他程序使用', 'is in use by another program'],
  EMFILE: ['无法打开：打开的文件过多', 'cannot be opened: too many open files'],
  EINVAL: ['不是此处可用的文件名', 'is not a valid file name here'],
};

/** The deal and risk registers' fields no import kind names, as their forms name them. */
const REGISTER_FIELD_WORDS: Record<string, [zh: string, en: string]> = {
  partnerId: ['伙伴', 'Partner'],
  customerCreditCode: ['统一社会信用代码', 'Unified social credit code'],
  expectedValueMinor: ['预计金额', 'Expected value'],
  quotedPriceMinor: ['报价', 'Quoted price'],
  expectedCloseOn: ['预计成交日期', 'Expected close'],
  source: ['来源', 'Source'],
  ruleCode: ['规则', 'Rule'],
  reviewRequested: ['待复核', 'Review requested'],
};

/**
 * The columns of a unique constraint SQLite names (`partners.code`, `sales_lines.dedupe_key`) as the field words name
 * them ('编码'); a column no field names stays as SQLite names it.
 */
const columnWords = (columns: unknown[], lang: MessageLanguage) =>
  columns
    .map((c) => {
      const field = String(c).split('.').pop()!.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
      return (IMPORT_FIELD_WORDS[field] ?? REGISTER_FIELD_WORDS[field])?.[lang === 'zh-CN' ? 0 : 1] ?? String(c);
    })
    .join(lang === 'zh-CN' ? '、' : ', ');

/** Each refused field in `lang`, named as the import (else the register's form) names it, else by its path. */
const fieldIssues = (p: Params, lang: MessageLanguage) =>
  (Array.isArray(p.issues) ? (p.issues as Array<IssueLike & { path: string }>) : [])
    .map((i) => {
      const last = String(i.path ?? '').split('.').pop() ?? '';
      const words = IMPORT_FIELD_WORDS[last] ?? REGISTER_FIELD_WORDS[last];
      const label = words?.[lang === 'zh-CN' ? 0 : 1] ?? String(i.path || (lang === 'zh-CN' ? '输入' : 'The input'));
      return issueText(i, label, lang);
    })
    .join(lang === 'zh-CN' ? '；' : '; ');

/** What SQLite's code says about a file that is not a usable database, in Chinese (English shows SQLite's own text). */
const SQLITE_WORDS: Record<string, string> = {
  SQLITE_NOTADB: '不是数据库文件，或文件已加密',
  SQLITE_CORRUPT: '文件已损坏',
  SQLITE_CANTOPEN: '文件无法打开',
  SQLITE_IOERR: '读取文件时磁盘出错',
  SQLITE_PERM: '没有读取权限',
};

/** Period kinds as a sentence names them. */
const PERIOD_KIND_WORDS: Record<string, [string, string]> = { month: ['月', 'month'], quarter: ['季度', 'quarter'], half: ['半年', 'half-year'], year: ['年', 'year'] };
const periodKindWord = (k: unknown, lang: MessageLanguage) => PERIOD_KIND_WORDS[String(k)]?.[lang === 'zh-CN' ? 0 : 1] ?? String(k);

/** Where JSON.parse stopped, when it said so. */
const jsonWhere = (p: Params, lang: MessageLanguage) => {
  if (p.line != null) return lang === 'zh-CN' ? `（第 ${String(p.line)} 行第 ${String(p.column)} 列附近）` : ` (near line ${String(p.line)}, column ${String(p.column)})`;
  if (p.position != null) return lang === 'zh-CN' ? `（第 ${String(p.position)} 个字符附近）` : ` (near character ${String(p.position)})`;
  if (p.end) return lang === 'zh-CN' ? '（内容不完整，在结束前中断）' : ' (it ends too early)';
  if (p.token != null) return lang === 'zh-CN' ? `（意外的“${String(p.token)}”）` : ` (unexpected “${String(p.token)}”)`;
  return '';
};

/** The plan workbook's columns (planWorkbook HEAD). */
const PLAN_COLUMN_WORDS: Record<string, [string, string]> = { node: ['节点', 'Node'], target: ['目标', 'Target'], locked: ['锁定', 'Locked'] };
/** What can be wrong with a row of an edited plan workbook (electron/domain/plans/planWorkbook.ts `fail`). */
export type PlanRowProblem = 'emptyNode' | 'unknownNode' | 'duplicateNode' | 'badAmount' | 'badLocked' | 'badUnits';
/**
 * A plan workbook row's problem, [zh-CN, en as a sentence goes on]: the one source of these words — the refusal
 * (planWorkbookRows) and the plan page's table of rejected rows (`planRowWord(reason, lang, true)`) read it.
 */
export const PLAN_ROW_WORDS: Readonly<Record<PlanRowProblem, readonly [zh: string, en: string]>> = {
  emptyNode: ['节点为空', 'the node key is empty'],
  unknownNode: ['本计划中没有该节点（合作伙伴和区域来自计划范围）', "no such node in the plan (partners and territories come from the plan's scope)"],
  duplicateNode: ['该节点出现了两次', 'the node appears twice'],
  badAmount: ['不是以元为单位、不小于 0、最多两位小数的金额', 'not an amount in yuan ≥ 0 with at most two decimals'],
  badLocked: ['“锁定”应为 是/yes，或留空/否/no', 'Locked is 是/yes or empty/否/no'],
  badUnits: ['不是不小于 0 的整数件数', 'not a whole number of units ≥ 0'],
};
/** A row problem in `lang`; `alone`: it stands by itself (a table cell), so English starts with a capital. */
export function planRowWord(reason: string, lang: MessageLanguage, alone = false): string {
  const words = Object.prototype.hasOwnProperty.call(PLAN_ROW_WORDS, reason) ? PLAN_ROW_WORDS[reason as PlanRowProblem] : null;
  if (!words) return reason;
  return lang === 'zh-CN' ? words[0] : alone ? capital(words[1]) : words[1];
}
const planRowProblems = (p: Params, lang: MessageLanguage) =>
  (Array.isArray(p.first) ? (p.first as Array<{ row: number; column: string; reason: string; value?: string }>) : [])
    .map((e) => {
      const what = planRowWord(e.reason, lang);
      return lang === 'zh-CN' ? `第 ${e.row} 行“${e.column}”列：${what}` : `row ${e.row}, ${e.column}: ${what}`;
    })
    .join(lang === 'zh-CN' ? '；' : '; ');

/** A refusal carried inside another (`params.problem`: { reason, params }), in `lang`. */
const nestedText = (p: Params, lang: MessageLanguage) => {
  const inner = errorReason(p.problem);
  return (inner && MESSAGES[inner.reason]?.[lang]?.(inner.params)) ?? String(p.detail ?? '');
};

/** A plan node as the plan's tree shows it: its name and code, or the plan's total. */
const planNodeWord = (p: Params, lang: MessageLanguage) => {
  if (p.node === 'plan') return lang === 'zh-CN' ? '计划总目标' : 'the plan total';
  const name = (lang === 'en' ? p.nameEn : null) ?? p.nameZh;
  const code = p.code ?? String(p.node ?? '').replace(/^[a-z]:/, '');
  if (name && p.kind === 'channelManager') return String(name);
  if (!name || name === code) return String(code);
  return lang === 'zh-CN' ? `${String(name)}（${String(code)}）` : `${String(name)} (${String(code)})`;
};

/** One problem of spreading a plan down its tree (`planAllocation` params.problem). */
function allocationProblem(p: Params, lang: MessageLanguage): string {
  const node = planNodeWord(p, lang);
  const amount = (k: string) => planAmount(p, k);
  const zh = lang === 'zh-CN';
  // Chinese sets a Latin code apart by a space, not a Chinese name: 'P0001 之下' but '计划总目标之下'.
  const gap = zh && /[\u3000-\u9fff\uff00-\uffef]$/.test(node) ? '' : ' ';
  switch (p.problem) {
    case 'lockBelowFloor':
      return zh
        ? `${node}${gap}锁定为 ${amount('lockedMinor')}，低于其下已锁定的金额和新伙伴保底目标之和 ${amount('floorMinor')}：请提高锁定金额，或解除下级的锁定`
        : `${capital(node)} is locked at ${amount('lockedMinor')}, below what is locked or set as minimum under it (${amount('floorMinor')}): raise the lock, or unlock the nodes under it`;
    case 'overCommitted':
      return zh
        ? `${node}${gap}之下已锁定的金额和保底目标合计 ${amount('floorMinor')}，超过了其目标 ${amount('amountMinor')}：请提高目标，或调整锁定`
        : `The locked amounts and minimums under ${node} (${amount('floorMinor')}) exceed its target of ${amount('amountMinor')}: raise it, or change the locks`;
    default:
      return zh
        ? `${node}${gap}的下级全部已锁定，合计 ${amount('floorMinor')}，与其目标 ${amount('amountMinor')} 不符：请解除其中一个锁定，或修改目标`
        : `Every part of ${node} is locked and the locks add up to ${amount('floorMinor')}, not its target of ${amount('amountMinor')}: unlock one, or change the target`;
  }
}

/** The first rejected row of a refused import, in `lang` (`firstError` carries its code; older bodies only the English `first`). */
function firstRowError(p: Params, lang: MessageLanguage): string {
  const e = p.firstError as Parameters<typeof importErrorLine>[1] | undefined;
  return e ? importErrorLine(typeof p.fileName === 'string' ? p.fileName : null, e, lang) : String(p.first ?? '');
}

/** HQ reference data kinds as a sentence names them. */
const REFERENCE_KIND_WORDS: Record<string, [string, string]> = {
  territory: ['区域', 'Territory'],
  product: ['产品', 'Product'],
  course: ['课程', 'Course'],
  program_template: ['激励政策模板', 'Program template'],
};

/** Whether `reason` has words in the catalogue (tests check every reason the code raises). */
export function hasReasonWords(reason: string): boolean {
  return Object.prototype.hasOwnProperty.call(MESSAGES, reason);
}

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

/** Every reason with words (tests/unit/i18n/glossary.test.ts renders each one and checks it against the glossary). */
export const MESSAGE_REASONS: readonly string[] = Object.keys(MESSAGES);

/** The [zh-CN, en] word tables the refusals are made of, by name (the glossary test checks each pair). */
export const MESSAGE_WORD_TABLES: Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>> = {
  COMPANY_FIELD_WORDS,
  RECORD_WORDS,
  STATUS_WORDS,
  ACTION_WORDS,
  UNDO_ENTITY_WORDS,
  IMPORT_STATUS_WORDS,
  TIER_WORDS,
  RISK_LEVEL_WORDS,
  FILE_PROBLEM_WORDS,
  REGISTER_FIELD_WORDS,
  PERIOD_KIND_WORDS,
  PLAN_COLUMN_WORDS,
  PLAN_ROW_WORDS,
  REFERENCE_KIND_WORDS,
};
