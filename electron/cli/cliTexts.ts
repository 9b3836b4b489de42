import { MDF_ACTIVITY_WORDS, CHANNEL_TYPES, DEAL_STATUSES, EVALUATION_CYCLES, IMPORT_KINDS, MDF_ACTIVITY_TYPES, MDF_ALLOCATION_METHODS, MDF_CLAIM_STATUSES, MDF_FUND_STATUSES, MDF_REQUEST_STATUSES, PARTNER_STATUSES, PAYOUT_LINE_KINDS, PAYOUT_RUN_STATUSES, PERIOD_KINDS, PROGRAM_TYPES, REVIEW_ACTION_STATUSES, RISK_CATEGORIES, RISK_LEVELS, RISK_STATUSES, TERRITORY_KINDS, TIERS } from '../../shared/enums';
import { EXCLUSION_REASONS } from '../../shared/population';
import { IMPORT_STATUSES } from '../../db/schema/imports';
import { CUSTOMER_SEGMENTS } from '../model/inventory';
import { LEDGER_ENTRY_KINDS } from '../model/ledger';
import { PLAN_METRICS } from '../model/plans';

/**
 * What the `pwb` command line prints for a person (headers, summaries, values, its own refusals), in English and
 * Simplified Chinese: `key: [en, zh-CN]`. Domain refusals come from shared/errorMessages. `{{name}}` is filled from the
 * parameters. English puts a count before a noun in two forms, `{ one, other }`, chosen by the `count` parameter as the
 * window's i18next texts choose `_one` / `_other` (CLI_TEXTS.en holds them as `key_one` and `key`); Chinese has one
 * form. The words follow the channel glossary (tests/unit/i18n/glossary.test.ts reads this catalogue too), like the
 * window's (renderer/src/i18n). `--json` output never goes through it: it is the machine contract.
 */
/** The MDF activity types are the shared vocabulary's words (shared/enums.ts MDF_ACTIVITY_WORDS), as the MDF page shows them. */
const MDF_ACTIVITY_TEXTS = Object.fromEntries(MDF_ACTIVITY_TYPES.map((a) => [`value.mdfActivity.${a}`, [MDF_ACTIVITY_WORDS[a][1], MDF_ACTIVITY_WORDS[a][0]]])) as unknown as Record<
  `value.mdfActivity.${(typeof MDF_ACTIVITY_TYPES)[number]}`,
  readonly [string, string]
>;

/** An English text with a count before a noun: `one` for a count of 1, `other` for any other. */
interface EnglishPlural {
  readonly one: string;
  readonly other: string;
}

const TEXTS = {
  ...MDF_ACTIVITY_TEXTS,
  // Imports
  'imports.col.id': ['Import', '导入'],
  'imports.col.started': ['Started', '开始时间'],
  'imports.col.kind': ['Kind', '类型'],
  'imports.col.status': ['Status', '状态'],
  'imports.col.file': ['File', '文件'],
  'imports.col.rowsRead': ['Rows read', '读取行数'],
  'imports.col.inserted': ['Inserted', '新增'],
  'imports.col.updated': ['Updated', '更新'],
  'imports.col.duplicates': ['Duplicates', '重复'],
  'imports.col.rejected': ['Rejected', '拒绝'],
  'imports.col.skipped': ['Skipped', '跳过'],
  'imports.total': [{ one: '{{count}} import', other: '{{count}} imports' }, '共 {{count}} 次导入'],
  'imports.summary': [
    'Import {{id}} ({{kind}}, {{file}}): {{rowsRead}}, {{inserted}} inserted, {{updated}} updated, {{duplicates}}, {{rejected}} rejected in {{seconds}} s',
    '导入 {{id}}（{{kind}}，{{file}}）：{{rowsRead}}，新增 {{inserted}}，更新 {{updated}}，{{duplicates}}，拒绝 {{rejected}}，用时 {{seconds}} 秒',
  ],
  'imports.rowsRead': [{ one: '{{count}} row read', other: '{{count}} rows read' }, '读取 {{count}} 行'],
  'imports.duplicates': [{ one: '{{count}} duplicate', other: '{{count}} duplicates' }, '重复 {{count}}'],
  'imports.territoriesCreated': ['Territories created: {{names}}', '已新建区域：{{names}}'],
  'imports.managersCreated': ['Channel managers created: {{names}}', '已新建渠道经理：{{names}}'],
  'imports.rejectedFile': ['Rejected rows: {{file}}', '被拒绝的行：{{file}}'],
  'imports.moreErrors': [{ one: '… {{count}} error in all', other: '… {{count}} errors in all' }, '……共 {{count}} 条错误'],
  'imports.undone': [
    { one: 'Import {{id}} undone: {{count}} row removed, {{restored}} restored', other: 'Import {{id}} undone: {{count}} rows removed, {{restored}} restored' },
    '已撤销导入 {{id}}：删除 {{count}} 行，恢复 {{restored}} 行',
  ],
  'imports.unknownKind': ["Unknown kind '{{kind}}' (one of {{kinds}})", '未知的导入类型“{{kind}}”（可选：{{kinds}}）'],
  'imports.unknownDelimiter': ["Unknown delimiter '{{value}}' (comma, semicolon, tab or pipe)", '未知的分隔符“{{value}}”（可选：comma 逗号、semicolon 分号、tab 制表符、pipe 竖线）'],
  'imports.replaceId': ["--replace needs an import id (see pwb imports list), not '{{value}}'", '--replace 需要导入编号（见 pwb imports list），而不是“{{value}}”'],
  'imports.mappingUnreadable': ['Cannot read the mapping file {{file}}: {{problem}}', '无法读取映射文件 {{file}}：{{problem}}'],
  'imports.mappingInvalid': ['Mapping file {{file}}: {{problems}}', '映射文件 {{file}} 有误：{{problems}}'],
  'imports.mappingWholeFile': ['(file)', '（整个文件）'],

  // Workspace, check, backups, encryption
  'workspace.ready': ['Workspace ready: {{path}} (schema {{schema}})', '工作区已就绪：{{path}}（数据结构版本 {{schema}}）'],
  'workspace.demo': [
    'Demo data as of {{asOf}}: {{partners}}, {{salesLines}}; evaluated {{periods}}; {{payoutRuns}}; {{channelPartners}} sell-through ({{sellThroughLines}}) and stock ({{stockRows}})',
    '演示数据（截至 {{asOf}}）：{{partners}}，{{salesLines}}；已评估 {{periods}}；{{payoutRuns}}；{{channelPartners}}动销（{{sellThroughLines}}）和库存（{{stockRows}}）',
  ],
  'workspace.demo.partners': [{ one: '{{count}} partner', other: '{{count}} partners' }, '{{count}} 个合作伙伴'],
  'workspace.demo.salesLines': [{ one: '{{count}} sales line', other: '{{count}} sales lines' }, '{{count}} 条销售明细'],
  'workspace.demo.payoutRuns': [{ one: '{{count}} payout run', other: '{{count}} payout runs' }, '{{count}} 个结算批次'],
  'workspace.demo.lines': [{ one: '{{count}} line', other: '{{count}} lines' }, '{{count}} 行'],
  'workspace.demo.rows': [{ one: '{{count}} row', other: '{{count}} rows' }, '{{count}} 行'],
  'workspace.demo.reporting': [{ one: '{{count}} partner reports', other: '{{count}} partners report' }, '{{count}} 个合作伙伴上报'],
  'workspace.encryptNeedsKey': ['--encrypt needs a passphrase: --key-file FILE or PWB_KEY', '--encrypt 需要口令：--key-file 文件 或 PWB_KEY'],
  'workspace.exists': ['{{path}} already exists; encrypt an existing workspace with pwb encrypt', '{{path}} 已存在；加密已有的工作区请用 pwb encrypt'],
  'workspace.missing': ['{{path}} does not exist', '{{path}} 不存在'],
  'workspace.closeApp': ['Close the app first.', '请先关闭应用。'],
  'workspace.encryptNeedsNewKey': ['pwb encrypt needs the new passphrase: --key-file FILE or PWB_KEY', 'pwb encrypt 需要新口令：--key-file 文件 或 PWB_KEY'],
  'workspace.encrypted': [
    'Encrypted {{path}}. The backup taken before, {{backup}}, is NOT encrypted: delete it once you have checked the workspace opens with its passphrase.',
    '已加密 {{path}}。加密前所做的备份 {{backup}} 没有加密：确认工作区能用口令打开后，请删除该备份。',
  ],
  'workspace.rekeyNeedsKey': ['pwb rekey needs the current passphrase: --key-file FILE or PWB_KEY', 'pwb rekey 需要当前口令：--key-file 文件 或 PWB_KEY'],
  'workspace.rekeyed': ['New passphrase set for {{path}}. Backups made before keep the passphrase they were made with.', '已为 {{path}} 设置新口令。此前的备份仍使用备份时的口令。'],
  'workspaceError.WRONG_KEY': ['Wrong passphrase for {{file}} (or it is not a workspace); nothing was changed', '{{file}} 的口令不对（或它不是工作区文件）；没有做任何更改'],
  'workspaceError.notEncrypted': ['{{file}} is not encrypted: open it without a passphrase (pwb encrypt encrypts it)', '{{file}} 没有加密：请不带口令打开（pwb encrypt 可以加密）'],
  'workspaceError.ENCRYPTED': [
    '{{file}} is not a Partner Workbench workspace, or it is encrypted: give its passphrase (--key-file FILE or PWB_KEY)',
    '{{file}} 不是渠道伙伴工作台的工作区，或已加密：请提供口令（--key-file 文件 或 PWB_KEY）',
  ],
  'workspaceError.NEWER_VERSION': [
    '{{file}} was written by a newer version of Partner Workbench (schema {{fileVersion}}, this app knows {{appVersion}}). Update the app to open it; the file was not changed.',
    '{{file}} 由更新版本的渠道伙伴工作台写入（数据结构版本 {{fileVersion}}，本程序只认识 {{appVersion}}）。请升级程序后再打开；文件没有被改动。',
  ],
  'workspaceError.IN_USE': ['{{file}} is open in {{program}} (process {{pid}}, user {{user}} on {{host}}, since {{since}}). {{action}}', '{{file}} 正由 {{program}} 打开（进程 {{pid}}，{{host}} 上的用户 {{user}}，自 {{since}} 起）。{{action}}'],
  'workspaceError.IN_USE.unknown': ['{{file}} is open in another program. {{action}}', '{{file}} 正由另一个程序打开。{{action}}'],
  'check.integrity': ['integrity: {{result}}', '完整性：{{result}}'],
  'check.integrityOk': ['ok', '正常'],
  'check.foreignKeysOk': ['foreign keys: ok', '外键：正常'],
  'check.foreignKeysBad': [{ one: 'foreign keys: {{count}} violation', other: 'foreign keys: {{count}} violations' }, '外键：{{count}} 处不一致'],
  'check.schema': ['schema: {{version}} (app {{app}})', '数据结构版本：{{version}}（本程序 {{app}}）'],
  'check.sealBroken': [
    'payout run {{id}} ({{status}}): its lines or figures changed after approval (the approval seal does not match)',
    '结算批次 {{id}}（{{status}}）：审批后明细或金额被改动（审批封签不符）',
  ],
  'check.sealMissing': ['payout run {{id}} ({{status}}): approved before approval seals existed; not verifiable', '结算批次 {{id}}（{{status}}）：在启用审批封签之前审批，无法核验'],
  'check.counts': ['rows per table:', '各数据表行数：'],
  'check.ok': ['OK', '正常'],
  'check.problems': ['PROBLEMS FOUND', '发现问题'],
  'backup.written': [{ one: 'Backup written: {{path}} ({{count}} byte)', other: 'Backup written: {{path}} ({{count}} bytes)' }, '备份已写入：{{path}}（{{count}} 字节）'],
  'backups.folder': ['Backup folder: {{folder}}', '备份文件夹：{{folder}}'],
  'backups.kind.daily': ['Daily', '每日'],
  'backups.kind.manual': ['Manual', '手动'],
  'backups.kind.migration': ['Before migration', '升级前'],
  'backups.kind.operation': ['Before {{op}}', '{{op}} 之前'],
  'backups.total': [{ one: '{{count}} backup', other: '{{count}} backups' }, '共 {{count}} 个备份'],
  'backups.restoreHint': [
    'Restore it from Settings → Backups in the app, or close the app and run pwb restore again.',
    '请在应用的“设置 → 备份”中恢复，或关闭应用后再运行 pwb restore。',
  ],
  'restore.done': ['Restored {{path}} from {{from}} (schema {{schema}})', '已从 {{from}} 恢复 {{path}}（数据结构版本 {{schema}}）'],
  'restore.kept': ['The replaced workspace was kept as {{path}}', '被替换的工作区已保留为 {{path}}'],
  'restore.nothingReplaced': ['There was no workspace file to replace.', '原先没有工作区文件，无需替换。'],

  // Who a calculation considered (shared/population)
  'population.summary': [{ one: 'considered {{count}} partner, included {{included}}', other: 'considered {{count}} partners, included {{included}}' }, '共考虑 {{count}} 个合作伙伴，纳入 {{included}} 个'],
  'population.leftOut': ['; left out: {{reasons}}', '；未纳入：{{reasons}}'],
  'population.reason.status': ['{{count}} with status “{{value}}”', '{{count}} 个状态为“{{value}}”'],
  'population.reason.currency': ['{{count}} paid in {{value}}', '{{count}} 个币种为 {{value}}'],
  'population.reason.channelType': ['{{count}} of channel type “{{value}}”', '{{count}} 个渠道类型为“{{value}}”'],
  'population.reason.tier': ['{{count}} in tier “{{value}}”', '{{count}} 个渠道级别为“{{value}}”'],
  'population.reason.region': ['{{count}} in territory “{{value}}”', '{{count}} 个所在区域为“{{value}}”'],
  'population.reason.regionNone': ['{{count}} without a territory', '{{count}} 个没有区域'],
  'population.reason.partnerCode': ['{{count}} not among the partner codes asked for', '{{count}} 个不在指定的伙伴编码中'],
  'population.reason.training': ['{{count}} below the required training compliance', '{{count}} 个培训合规率未达要求'],
  'population.reason.certification': ['{{count}} without a valid certificate {{expected}}', '{{count}} 个没有有效的认证 {{expected}}'],
  'population.reason.conflictRisk': ['{{count}} with an open channel-conflict or price-conflict risk', '{{count}} 个有未关闭的渠道冲突或价格冲突风险'],
  'population.reason.joinedLater': ['{{count}} joined after {{expected}}', '{{count}} 个在 {{expected}} 之后才加入'],
  'population.reason.noRequirement': ['{{count}} with no required course for their tier and channel type', '{{count}} 个的级别和渠道类型没有必修课程'],
  'population.reason.noSales': ['{{count}} without sales in {{value}} that the program counts', '{{count}} 个在 {{value}} 没有本方案计入的销售'],
  'population.reason.validity': ["{{count}}: {{value}} is outside the program's dates {{expected}}", '{{count}} 个：{{value}} 不在方案有效期 {{expected}} 内'],
  'population.expected': [' (it takes {{expected}})', '（本次只计 {{expected}}）'],
  // A rule whose values are names says whom it counts, each name quoted (本次只计状态为“合作中”的伙伴, not 本次只计 合作中).
  'population.expected.status': [' (only partners with status {{expected}} count here)', '（本次只计状态为{{expected}}的伙伴）'],
  'population.expected.channelType': [' (only partners of channel type {{expected}} count here)', '（本次只计渠道类型为{{expected}}的伙伴）'],
  'population.expected.tier': [' (only partners in tier {{expected}} count here)', '（本次只计渠道级别为{{expected}}的伙伴）'],
  'population.expected.region': [' (only partners in territory {{expected}} count here)', '（本次只计区域{{expected}}内的伙伴）'],
  'population.expected.currency': [' (the program pays {{expected}})', '（本方案以 {{expected}} 结算）'],

  // Incentive programs, payout runs
  'programs.added': [{ one: '{{count}} program: {{codes}}', other: '{{count}} programs: {{codes}}' }, '已导入 {{count}} 个激励政策：{{codes}}'],
  'programs.none': ['no programs', '没有激励政策'],
  'programs.noTemplates': ['no program templates pulled from HQ', '没有从总部获取的激励政策模板'],
  'programs.fromTemplate': ['Program {{code}} ({{name}}) created from HQ template {{template}}', '已根据总部模板 {{template}} 新建激励政策 {{code}}（{{name}}）'],
  'programs.exported': [{ one: '{{count}} program → {{path}}', other: '{{count}} programs → {{path}}' }, '{{count}} 个激励政策 → {{path}}'],
  'payouts.run': ['run {{id}} · {{program}} {{period}} v{{version}} · {{status}} · total {{total}}', '结算批次 {{id}} · {{program}} {{period}} 第 {{version}} 版 · {{status}} · 合计 {{total}}'],
  'payouts.version': ['v{{version}}', '第 {{version}} 版'],
  'payouts.none': ['no runs', '没有结算批次'],
  'payouts.approved': ['run {{id}} approved · {{total}}', '结算批次 {{id}} 已审批 · {{total}}'],
  'payouts.paid': ['run {{id}} paid · {{ref}} · {{day}}', '结算批次 {{id}} 已支付 · {{ref}} · {{day}}'],
  'payouts.voided': ['run {{id}} void', '结算批次 {{id}} 已作废'],
  'statements.lang': ['--lang takes zh, en or bilingual, not "{{value}}"', '--lang 可选 zh、en 或 bilingual（双语），而不是“{{value}}”'],

  // Evaluations
  'eval.col.partner': ['partner', '合作伙伴'],
  'eval.col.revenue': ['revenue', '销售额'],
  'eval.col.target': ['target', '目标'],
  'eval.col.attainment': ['attain', '达成率'],
  'eval.col.qoq': ['QoQ', '环比'],
  'eval.col.yoy': ['YoY', '同比'],
  'eval.col.score': ['score', '健康度'],
  'eval.col.grade': ['grade', '等级'],
  'eval.col.tier': ['tier→', '建议级别'],
  'eval.run': [{ one: 'run {{id}}: {{period}} version {{version}}, {{count}} partner', other: 'run {{id}}: {{period}} version {{version}}, {{count}} partners' }, '评估运行 {{id}}：{{period}} 第 {{version}} 版，{{count}} 个合作伙伴'],
  'eval.noRun': ['No evaluation run for {{period}}; run `pwb evaluate --period {{period}}` first', '{{period}} 还没有评估运行；请先运行 `pwb evaluate --period {{period}}`'],
  'schedules.on': ['on', '启用'],
  'schedules.off': ['off', '停用'],
  'schedules.lag': ['lag {{n}}d', '延后 {{n}} 天'],
  'schedules.none': ['no schedules', '没有评估计划'],
  'schedules.nothingDue': ['nothing due ({{asOf}})', '没有到期的评估（{{asOf}}）'],

  // Target plans
  'plans.notUnits': ['{{what}}: not a whole number of units: {{text}}', '{{what}}：不是整数数量：{{text}}'],
  'plans.notAmount': ['{{what}}: not an amount in yuan: {{text}}', '{{what}}：不是以元计的金额：{{text}}'],
  'plans.badScope': ['--scope: expected all, territory=CODE, channelType=TYPE or manager=NAME (got {{text}})', '--scope：应为 all、territory=区域编码、channelType=渠道类型 或 manager=渠道经理姓名（收到 {{text}}）'],
  'plans.badUplift': ['--uplift: expected 0.10 or tier1=0.15,… (got {{text}})', '--uplift：应为 0.10 或 tier1=0.15,… 这样的增长率（收到 {{text}}）'],
  'plans.none': ['no plans', '没有目标计划'],
  'plans.published': [
    { one: '{{code}} published as version {{version}} · {{total}} · {{count}} target written', other: '{{code}} published as version {{version}} · {{total}} · {{count}} targets written' },
    '{{code}} 已发布为第 {{version}} 版 · {{total}} · 写入 {{count}} 条目标',
  ],
  'plans.exported': [{ one: '{{path}} ({{count}} row)', other: '{{path}} ({{count}} rows)' }, '{{path}}（{{count}} 行）'],
  'plans.imported': ['{{locked}} locked, {{unlocked}} unlocked', '锁定 {{locked}} 个，解锁 {{unlocked}} 个'],
  'plans.totalChanged': [', total changed', '，合计已改变'],
  'plans.amountWhat': ['amount', '金额'],

  // Territories and coverage
  'territories.badKind': ['--kind {{value}}: expected one of {{kinds}}', '--kind {{value}}：应为 {{kinds}} 之一'],
  'territories.active': ['active', '启用'],
  'territories.inactive': ['inactive', '停用'],
  'territories.added': ['Added {{code}} {{name}} ({{kind}})', '已新增 {{code}} {{name}}（{{kind}}）'],
  'territories.addedUnder': ['Added {{code}} {{name}} ({{kind}}) under {{parent}}', '已新增 {{code}} {{name}}（{{kind}}），上级为 {{parent}}'],
  'territories.renamed': ['Renamed: {{code}} {{name}}', '已重命名：{{code}} {{name}}'],
  'territories.movedUnder': ['Moved {{code}} under {{parent}}', '已将 {{code}} 移到 {{parent}} 之下'],
  'territories.movedTop': ['Moved {{code}} to the top level', '已将 {{code}} 移到最上层'],
  'territories.merged': [{ one: 'Merged {{from}} into {{into}}: {{count}} partner moved', other: 'Merged {{from}} into {{into}}: {{count}} partners moved' }, '已将 {{from}} 合并到 {{into}}：转移 {{count}} 个合作伙伴'],
  'coverage.head': ['Coverage: {{covered}}/{{wanted}} {{ratio}} (scorecards of {{period}})', '覆盖率：{{covered}}/{{wanted}} {{ratio}}（评估卡期间 {{period}}）'],
  'coverage.headOf': ['Coverage of {{territory}}: {{covered}}/{{wanted}} {{ratio}} (scorecards of {{period}})', '{{territory}} 的覆盖率：{{covered}}/{{wanted}} {{ratio}}（评估卡期间 {{period}}）'],
  'coverage.noPeriod': ['none evaluated', '尚无评估'],
  'coverage.activePartners': [{ one: '{{count}} active partner', other: '{{count}} active partners' }, '合作中伙伴 {{count}} 个'],
  'coverage.byDefault': ['default', '默认目标'],
  'coverage.byTargets': ['targets', '已设目标'],
  'coverage.gapCount': [{ one: '{{count}} gap', other: '{{count}} gaps' }, '缺口 {{count}} 个'],
  'coverage.revenue': ['revenue {{value}}', '销售额 {{value}}'],
  'coverage.attainment': ['attainment {{value}}', '达成率 {{value}}'],
  'coverage.health': ['health {{value}}', '健康度 {{value}}'],
  'coverage.gaps': ['Gaps:', '覆盖缺口：'],
  'coverage.noGaps': ['No gaps.', '没有缺口。'],
  'coverage.gapArea': [
    { one: '{{territory}} {{area}}{{channel}}: {{count}} active partner, {{min}} wanted', other: '{{territory}} {{area}}{{channel}}: {{count}} active partners, {{min}} wanted' },
    '{{territory}} {{area}}{{channel}}：合作中伙伴 {{count}} 个，目标 {{min}} 个',
  ],
  'coverage.gapTerritory': [
    { one: '{{territory}}{{channel}}: {{count}} active partner, {{min}} wanted in the territory', other: '{{territory}}{{channel}}: {{count}} active partners, {{min}} wanted in the territory' },
    '{{territory}}{{channel}}：全区域合作中伙伴 {{count}} 个，目标 {{min}} 个',
  ],
  'coverage.noTargets': ['No coverage targets: every province wants one active partner.', '没有覆盖率目标：每个省份需要一个合作中的伙伴。'],
  'coverage.targetAdded': ['Added target {{id}}: {{what}} ≥ {{min}}', '已新增覆盖率目标 {{id}}：{{what}} ≥ {{min}}'],
  'coverage.targetSet': ['Target {{id}} wants {{min}}', '覆盖率目标 {{id}} 已改为 {{min}}'],
  'coverage.targetRemoved': ['Removed target {{id}}', '已删除覆盖率目标 {{id}}'],

  // Market development funds
  'mdf.notAmount': ['{{what}} {{text}} is not an amount (write it in {{currency}} with a decimal point, e.g. 12345.67)', '{{what}} {{text}} 不是金额（以 {{currency}} 填写，小数用小数点，如 12345.67）'],
  'mdf.notRequestId': ['request {{text}} is not an id', '费用申请编号 {{text}} 无效'],
  'mdf.notClaimId': ['claim {{text}} is not an id', '费用核销编号 {{text}} 无效'],
  'mdf.balance.fund': ['fund {{code}} ({{currency}})', '基金 {{code}}（{{currency}}）'],
  'mdf.balance.budget': ['budget', '预算'],
  'mdf.balance.allocated': ['allocated', '已分配'],
  'mdf.balance.requested': ['requested', '已申请'],
  'mdf.balance.approved': ['approved', '已批准'],
  'mdf.balance.claimed': ['claimed', '已核销'],
  'mdf.balance.paid': ['paid', '已支付'],
  'mdf.balance.expired': ['expired', '逾期收回'],
  'mdf.balance.remaining': ['remaining', '剩余'],
  'mdf.fundAdded': ['fund {{code}} added: {{budget}} for {{period}}', '已新增基金 {{code}}：{{period}} 预算 {{budget}}'],
  'mdf.remaining': ['remaining {{value}}', '剩余 {{value}}'],
  'mdf.fundsTotal': [{ one: '{{count}} fund', other: '{{count}} funds' }, '共 {{count}} 个基金'],
  'mdf.partnerFormat': ['--partner {{value}}: write CODE=amount', '--partner {{value}}：请写成 伙伴编码=金额'],
  'mdf.basis': ['revenue {{value}} ({{period}})', '销售额 {{value}}（{{period}}）'],
  'mdf.allocationsTotal': [{ one: '{{count}} allocation', other: '{{count}} allocations' }, '共 {{count}} 项分配'],
  'mdf.requested': ['request {{id}}: {{partner}} {{activity}} {{amount}} × {{share}} (pending)', '费用申请 {{id}}：{{partner}} {{activity}} {{amount}} × {{share}}（待审批）'],
  'mdf.requestApproved': ['request {{id}} approved: {{approved}}, the fund commits {{committed}}; claim by {{claimBy}}', '费用申请 {{id}} 已批准：{{approved}}，基金承担 {{committed}}；核销截止 {{claimBy}}'],
  'mdf.requestRejected': ['request {{id}} rejected', '费用申请 {{id}} 已驳回'],
  'mdf.claimed': [{ one: 'claim {{id}}: {{amount}} with {{count}} proof file (submitted)', other: 'claim {{id}}: {{amount}} with {{count}} proof files (submitted)' }, '费用核销 {{id}}：{{amount}}，附 {{count}} 个证明文件（待审核）'],
  'mdf.claimDecided': ['claim {{id}} {{status}}: {{amount}}', '费用核销 {{id}} {{status}}：{{amount}}'],
  'mdf.payEither': ['Give either --ref REFERENCE or --deduct-from-rebates', '请给出 --ref 付款凭证号 或 --deduct-from-rebates 二者之一'],
  'mdf.claimPaid': ['claim {{id}} paid on {{day}} ({{ref}})', '费用核销 {{id}} 已于 {{day}} 支付（{{ref}}）'],
  'mdf.claimDeducted': ["claim {{id}} will be settled on partner {{partner}}'s next payout run", '费用核销 {{id}} 将在合作伙伴 {{partner}} 的下一个结算批次中抵扣返利'],
  'mdf.expired': [{ one: '{{count}} approval expired as of {{asOf}}', other: '{{count}} approvals expired as of {{asOf}}' }, '截至 {{asOf}}，{{count}} 项批准逾期收回'],
  'mdf.roi.cost': ['cost {{value}}', '费用 {{value}}'],
  'mdf.roi.revenue': ['revenue {{value}}', '销售额 {{value}}'],
  'mdf.roi.lastYear': ['last year {{value}}', '去年同期 {{value}}'],
  'mdf.roi.incremental': ['incremental {{value}}', '增量 {{value}}'],
  'mdf.roi.roi': ['ROI {{value}}', '投资回报率 {{value}}'],
  'mdf.roi.total': ['total: cost {{cost}}, uplift {{uplift}}, incremental {{incremental}}, ROI {{roi}}', '合计：费用 {{cost}}，提升 {{uplift}}，增量 {{incremental}}，投资回报率 {{roi}}'],

  // HQ
  'hq.status.workspace': ['Workspace {{id}}, office {{office}}', '工作区 {{id}}，办事处 {{office}}'],
  'hq.status.noOffice': ['(not named)', '（未填写）'],
  'hq.status.last': [{ one: 'Last publish: {{at}}; {{count}} change waiting', other: 'Last publish: {{at}}; {{count}} changes waiting' }, '上次成功上报：{{at}}；{{count}} 项变更待上报'],
  'hq.status.never': ['never', '从未'],
  'hq.status.failed': ['Last attempt failed ({{at}}): {{failure}}', '上次上报失败（{{at}}）：{{failure}}'],
  'hq.setupUpToDate': ['HQ schema is up to date (version {{version}})', '总部数据结构已是最新（版本 {{version}}）'],
  'hq.setupMigrated': ['HQ schema migrated from version {{from}} to {{to}}', '总部数据结构已从版本 {{from}} 升级到 {{to}}'],
  'hq.roleCreated': ['Created office role {{role}}', '已创建办事处角色 {{role}}'],
  'hq.roleUpdated': ['Updated office role {{role}}', '已更新办事处角色 {{role}}'],
  'hq.published': ['Published {{changes}} of office {{office}} in {{batches}}: {{upserted}} written, {{deleted}} removed at HQ', '已上报办事处 {{office}} 的 {{changes}}（{{batches}}）：总部写入 {{upserted}}，删除 {{deleted}} 行'],
  'hq.changes': [{ one: '{{count}} change', other: '{{count}} changes' }, '{{count}} 项变更'],
  'hq.batches': [{ one: '{{count}} batch', other: '{{count}} batches' }, '{{count}} 批'],
  'hq.resynced': [" (full resend: HQ did not hold this workspace's history)", '（全量重发：总部没有此工作区的历史）'],
  'hq.tableCounts': ['{{written}} written {{removed}} removed', '写入 {{written}}，删除 {{removed}}'],
  'hq.rows': [{ one: '{{count}} row', other: '{{count}} rows' }, '共 {{count}} 行'],
  'hq.rowCount': [{ one: '{{count}} row', other: '{{count}} rows' }, '{{count}} 行'],
  'hq.period': ['Period {{period}} ({{start}} – {{end}})', '期间 {{period}}（{{start}} – {{end}}）'],
  'hq.officeRevenue': [{ one: '{{office}}: {{revenue}} ({{count}} partner)', other: '{{office}}: {{revenue}} ({{count}} partners)' }, '{{office}}：{{revenue}}（{{count}} 个合作伙伴）'],
  'hq.grades': ['Grades: {{list}}', '等级分布：{{list}}'],
  'hq.risksOpen': ['Risks open: {{list}}', '未关闭风险：{{list}}'],
  'hq.conflicts': [{ one: '{{count}} conflict', other: '{{count}} conflicts' }, '共 {{count}} 处冲突'],
  'hq.conflict.partner_code': ['partner code', '伙伴编码'],
  'hq.conflict.credit_code': ['credit code', '统一社会信用代码'],
  'hq.conflict.deal_customer': ['deal customer', '报备客户'],
  'hq.pulled': ['Pulled reference data version {{version}}: {{added}} added, {{updated}} updated, {{removed}} removed ({{kinds}})', '已获取参考数据版本 {{version}}：新增 {{added}}，更新 {{updated}}，删除 {{removed}}（{{kinds}}）'],
  'hq.none': ['none', '无'],
  'hq.refPublished': ['{{kind}}: {{upserted}} published, {{deleted}} withdrawn', '{{kind}}：发布 {{upserted}} 项，撤回 {{deleted}} 项'],
  'hq.items': [{ one: '{{count}} item', other: '{{count}} items' }, '共 {{count}} 项'],
  'hq.ref.territory': ['territory', '区域'],
  'hq.ref.product': ['product', '产品'],
  'hq.ref.course': ['course', '课程'],
  'hq.ref.program_template': ['program template', '激励政策模板'],

  // Company profile
  'company.nothingToSet': ['nothing to set: give at least one option (pwb company set --help)', '没有要设置的内容：请至少给出一个选项（pwb company set --help）'],
  'company.invalid': ['invalid company profile:', '公司信息有误：'],
  'company.saved': ['company profile saved', '公司信息已保存'],
  'company.stillMissing': [' · still missing: {{fields}}', ' · 仍缺少：{{fields}}'],
  'company.complete': ['complete', '已填写完整'],
  'company.missing': ['missing (statements are refused until filled): {{fields}}', '缺少（填写之前不能出具结算单）：{{fields}}'],
  'company.field.name': ['company name', '公司名称'],
  'company.field.nameEn': ['company name in English', '英文名称'],
  'company.field.creditCode': ['unified social credit code', '统一社会信用代码'],
  'company.field.address': ['address', '地址'],
  'company.field.bankName': ['bank', '开户银行'],
  'company.field.bankAccount': ['bank account', '银行账号'],
  'company.field.logoPath': ['logo', '标志图片'],
  'company.field.taxTreatment': ['tax treatment', '计税方式'],
  'company.field.taxRate': ['VAT rate', '增值税税率'],
  'company.field.invoiceRequirement': ['invoice requirement', '开票要求'],
  'company.field.statementLanguage': ['statement language', '结算单语言'],
  'company.taxTreatment.inclusive': ['inclusive', '含税'],
  'company.taxTreatment.exclusive': ['exclusive', '不含税'],
  'company.language.zh-CN': ['Chinese', '中文'],
  'company.language.en': ['English', '英文'],
  'company.language.bilingual': ['bilingual', '中英双语'],

  // End customers
  'customers.col.partner': ['partner', '合作伙伴'],
  'customers.col.customer': ['customer', '客户'],
  'customers.col.recency': ['recency', '距上次购买天数'],
  'customers.col.orders': ['orders', '订单数'],
  'customers.col.amount': ['amount', '金额'],
  'customers.col.segment': ['segment', '客户分群'],
  'customers.col.name': ['name', '名称'],
  'customers.col.province': ['province', '省份'],
  'customers.col.lastPurchase': ['last purchase', '最后购买日'],
  'customers.col.ordersBefore': ['orders before', '此前订单数'],
  'customers.col.amountBefore': ['amount before', '此前金额'],
  'customers.none': ['No end customers in the window', '时间窗口内没有终端客户'],
  'customers.noneLapsed': [
    { one: 'No customers to win back: as of {{asOf}}, no customer bought in the previous {{count}} month ({{from}} to {{to}}) without buying again since', other: 'No customers to win back: as of {{asOf}}, no customer bought in the previous {{count}} months ({{from}} to {{to}}) without buying again since' },
    '没有需要挽回的客户：截至 {{asOf}}，没有在前 {{count}} 个月（{{from}} 至 {{to}}）有购买、此后未再购买的客户',
  ],

  // Deal registrations
  'deals.direct': ['(direct)', '（直销）'],
  'deals.total': [{ one: '{{count}} registration', other: '{{count}} registrations' }, '共 {{count}} 条商机报备'],
  'deals.expired': [{ one: '{{count}} registration expired (as of {{asOf}})', other: '{{count}} registrations expired (as of {{asOf}})' }, '截至 {{asOf}}，{{count}} 条商机报备已过期'],

  // Partner ledger, accruals
  'ledger.needPartner': ['give --partner CODE', '请给出 --partner 伙伴编码'],
  'ledger.needDates': ['give --from YYYY-MM-DD and --to YYYY-MM-DD', '请给出 --from 和 --to（YYYY-MM-DD）'],
  'ledger.opening': ['opening', '期初余额'],
  'ledger.closing': ['closing', '期末余额'],
  'ledger.accrued': ['accrued (drafts, not yet approved)', '计提（草稿，尚未审批）'],
  'ledger.statements': [{ one: '{{count}} reconciliation statement', other: '{{count}} reconciliation statements' }, '共 {{count}} 份对账单'],
  'accruals.asOf': ['accruals as of {{asOf}}', '截至 {{asOf}} 的计提'],
  'accruals.col.program': ['program', '激励政策'],
  'accruals.col.partner': ['partner', '合作伙伴'],
  'accruals.col.currency': ['currency', '币种'],
  'accruals.col.accrued': ['accrued', '计提'],
  'accruals.col.unpaid': ['approved-unpaid', '已审批未支付'],
  'accruals.col.d0_30': ['0-30', '0-30 天'],
  'accruals.col.d31_60': ['31-60', '31-60 天'],
  'accruals.col.d61_90': ['61-90', '61-90 天'],
  'accruals.col.d90_plus': ['>90', '90 天以上'],
  'accruals.col.paid': ['paid', '已支付'],
  'accruals.total': ['total {{currency}}\taccrued {{accrued}}\tapproved-unpaid {{unpaid}}\tpaid {{paid}}', '合计 {{currency}}\t计提 {{accrued}}\t已审批未支付 {{unpaid}}\t已支付 {{paid}}'],

  // Partners
  'partners.total': [{ one: '{{count}} partner', other: '{{count}} partners' }, '共 {{count}} 个合作伙伴'],

  // Business reviews
  'reviews.recorded': [
    { one: 'meeting {{id}}: {{partner}} {{period}} held {{day}}, {{count}} action item', other: 'meeting {{id}}: {{partner}} {{period}} held {{day}}, {{count}} action items' },
    '业务回顾 {{id}}：{{partner}} {{period}}，{{day}} 召开，{{count}} 个行动项',
  ],
  'reviews.openCount': ['{{open}}/{{all}} open', '未完成 {{open}}/{{all}}'],
  'reviews.meetingsTotal': [{ one: '{{count}} meeting', other: '{{count}} meetings' }, '共 {{count}} 次业务回顾'],
  'reviews.overdueDays': [{ one: '{{count}} day overdue', other: '{{count}} days overdue' }, '逾期 {{count}} 天'],
  'reviews.openActions': [{ one: '{{count}} open action (as of {{asOf}})', other: '{{count}} open actions (as of {{asOf}})' }, '截至 {{asOf}} 共 {{count}} 个未完成的行动项'],
  'reviews.actionSet': ['action {{id}}: {{status}}', '行动项 {{id}}：{{status}}'],
  'reviews.choose': ['Choose the partners: --partner CODE, or --tier and/or --territory for a bulk export', '请选择合作伙伴：--partner 伙伴编码，或用 --tier（渠道级别）和/或 --territory（区域）批量导出'],
  'reviews.lang': ['--lang takes zh or en, not {{value}}', '--lang 可选 zh 或 en，而不是 {{value}}'],
  'reviews.pages': [{ one: '{{count}} page', other: '{{count}} pages' }, '{{count}} 页'],
  'reviews.packs': [{ one: '{{count}} review pack in {{dir}}', other: '{{count}} review packs in {{dir}}' }, '共 {{count}} 份回顾材料，位于 {{dir}}'],

  // Risk register
  'risks.total': [{ one: '{{count}} risk', other: '{{count}} risks' }, '共 {{count}} 项风险'],
  'risks.heatHeader': ['likelihood \\ impact', '可能性 \\ 影响程度'],
  'risks.heatTotal': [{ one: '{{count}} risk ({{basis}})', other: '{{count}} risks ({{basis}})' }, '共 {{count}} 项风险（{{basis}}）'],
  'risks.basis.inherent': ['inherent', '固有风险'],
  'risks.basis.residual': ['residual', '剩余风险'],
  'risks.review': ['review', '复核'],
  'risks.action': ['action', '缓解行动'],
  'risks.daysOver': ['+{{n}}d', '逾期 {{n}} 天'],
  'risks.overdueTotal': ['{{reviews}}, {{actions}} as of {{asOf}}', '截至 {{asOf}}：{{reviews}}，{{actions}}'],
  'risks.overdueReviews': [{ one: '{{count}} overdue review', other: '{{count}} overdue reviews' }, '{{count}} 项复核逾期'],
  'risks.overdueActions': [{ one: '{{count}} overdue action', other: '{{count}} overdue actions' }, '{{count}} 项缓解行动逾期'],

  // Settings
  'settings.unknownKey': ['“{{key}}” is not a known setting. Known settings: {{keys}}', '“{{key}}”不是已知的设置项。已知的设置项：{{keys}}'],
  'settings.setElsewhere': ['“{{key}}” is set through {{operations}}', '“{{key}}”须通过 {{operations}} 修改'],
  'settings.default': ['(default {{value}})', '（默认 {{value}}）'],
  'settings.isDefault': ['{{value}} (default)', '{{value}}（默认）'],

  // Training
  'training.col.partner': ['partner', '合作伙伴'],
  'training.col.required': ['required', '必修'],
  'training.col.valid': ['valid', '有效'],
  'training.col.expiring': ['expiring≤90d', '90 天内到期'],
  'training.col.compliance': ['compliance', '合规率'],
  'training.partnersAsOf': [{ one: '{{count}} partner as of {{asOf}}', other: '{{count}} partners as of {{asOf}}' }, '截至 {{asOf}} 共 {{count}} 个合作伙伴'],
  'training.days': ['--days must be a whole number ≥ 0, got {{value}}', '--days 应为不小于 0 的整数，收到 {{value}}'],
  'training.daysLeft': ['{{n}}d', '剩 {{n}} 天'],
  'training.expiring': ['{{certifications}} between {{asOf}} and {{days}} later', '{{asOf}} 起 {{days}}内有 {{certifications}}'],
  'training.expiringCertifications': [{ one: '{{count}} certification expires', other: '{{count}} certifications expire' }, '{{count}} 个认证到期'],
  'training.expiringDays': [{ one: '{{count}} day', other: '{{count}} days' }, '{{count}} 天'],
  'training.written': ['; written to {{path}}', '；已写入 {{path}}'],

  // Values
  'value.channelType.direct': ['Direct sales', '直销'],
  'value.channelType.agent': ['Agent', '代理商'],
  'value.channelType.dealer': ['Dealer', '经销商'],
  'value.channelType.distributor': ['Distributor', '分销商'],
  'value.channelType.retail': ['Retailer', '零售商'],
  'value.channelType.ecommerce': ['E-commerce', '电商'],
  'value.channelType.alliance': ['Alliance partner', '联盟伙伴'],
  'value.channelType.telesales': ['Telesales', '电话营销'],
  'value.tier.strategic': ['Strategic', '战略渠道'],
  'value.tier.tier1': ['Tier 1', '一级渠道'],
  'value.tier.tier2': ['Tier 2', '二级渠道'],
  'value.tier.tier3': ['Tier 3', '三级渠道'],
  'value.partnerStatus.prospect': ['Prospect', '潜在'],
  'value.partnerStatus.onboarding': ['Onboarding', '入驻中'],
  'value.partnerStatus.active': ['Active', '合作中'],
  'value.partnerStatus.probation': ['Probation', '考察期'],
  'value.partnerStatus.suspended': ['Suspended', '暂停'],
  'value.partnerStatus.terminated': ['Terminated', '终止'],
  'value.territoryKind.territory': ['Territory', '大区'],
  'value.territoryKind.subTerritory': ['Sub-territory', '片区'],
  'value.territoryKind.province': ['Province', '省份'],
  'value.territoryKind.city': ['City', '城市'],
  'value.periodKind.month': ['Month', '月度'],
  'value.periodKind.quarter': ['Quarter', '季度'],
  'value.periodKind.half': ['Half-year', '半年度'],
  'value.periodKind.year': ['Year', '年度'],
  'value.programType.tiered_rebate': ['Tiered rebate', '阶梯返利'],
  'value.programType.target_bonus': ['Target bonus', '达成奖励'],
  'value.programType.spiff': ['SPIFF', '专项激励'],
  'value.programType.growth_bonus': ['Growth bonus', '增长奖励'],
  'value.programType.ranking_award': ['Ranking award', '排名奖'],
  'value.payoutStatus.draft': ['Draft', '草稿'],
  'value.payoutStatus.approved': ['Approved', '已审批'],
  'value.payoutStatus.paid': ['Paid', '已支付'],
  'value.payoutStatus.void': ['Void', '已作废'],
  'value.payoutLineKind.calculated': ['Calculated', '计算'],
  'value.payoutLineKind.adjustment': ['Adjustment', '调整'],
  'value.payoutLineKind.clawback': ['Clawback', '追回'],
  'value.cycle.monthly': ['Monthly', '每月'],
  'value.cycle.quarterly': ['Quarterly', '每季度'],
  'value.cycle.half_yearly': ['Half-yearly', '每半年'],
  'value.cycle.yearly': ['Yearly', '每年'],
  'value.outcome.succeeded': ['Succeeded', '成功'],
  'value.outcome.failed': ['Failed', '失败'],
  'value.outcome.skipped': ['Skipped', '已跳过'],
  'value.outcome.waiting': ['Waiting', '等待中'],
  'value.planMetric.revenue': ['Revenue', '销售额'],
  'value.planMetric.margin': ['Gross margin', '毛利'],
  'value.planMetric.sellThroughQuantity': ['Sell-through quantity', '动销数量'],
  'value.planMethod.last-year-share': ['Share of last year', '按去年同期占比'],
  'value.planMethod.last-12-months': ['Share of the last 12 months', '按近 12 个月占比'],
  'value.planMethod.equal': ['Equal', '平均分配'],
  'value.planMethod.growth-weighted': ['Growth-weighted', '按增长加权'],
  'value.planMethod.manual': ['Manual', '手工分配'],
  'value.planStatus.draft': ['Draft', '草稿'],
  'value.planStatus.published': ['Published', '已发布'],
  'value.planStatus.changed': ['Changed since publishing', '发布后已修改'],
  'value.mdfFundStatus.open': ['Open', '开放'],
  'value.mdfFundStatus.closed': ['Closed', '已关闭'],
  'value.mdfMethod.manual': ['Manual', '手工'],
  'value.mdfMethod.pro_rata': ['Pro rata to revenue', '按销售额比例'],
  'value.mdfRequestStatus.pending': ['Pending', '待审批'],
  'value.mdfRequestStatus.approved': ['Approved', '已批准'],
  'value.mdfRequestStatus.rejected': ['Rejected', '已驳回'],
  'value.mdfRequestStatus.expired': ['Lapsed', '逾期收回'],
  'value.mdfRequestStatus.withdrawn': ['Withdrawn', '已撤回'],
  'value.mdfClaimStatus.submitted': ['Submitted', '待审核'],
  'value.mdfClaimStatus.approved': ['Approved', '已核准'],
  'value.mdfClaimStatus.rejected': ['Rejected', '已驳回'],
  'value.mdfClaimStatus.paid': ['Paid', '已支付'],
  'value.mdfClaimStatus.settling': ['Deduct from rebates', '抵扣返利'],
  'value.riskCategory.channel_conflict': ['Channel conflict', '渠道冲突'],
  'value.riskCategory.price_conflict': ['Price conflict', '价格冲突'],
  'value.riskCategory.market': ['Market', '市场'],
  'value.riskCategory.credit': ['Credit', '信用'],
  'value.riskCategory.operational': ['Operational', '运营'],
  'value.riskCategory.compliance': ['Compliance', '合规'],
  'value.riskCategory.technical': ['Technical', '技术'],
  'value.riskCategory.supply': ['Supply', '供应'],
  'value.riskCategory.inventory': ['Inventory', '库存'],
  'value.riskStatus.open': ['Open', '未处理'],
  'value.riskStatus.mitigating': ['Mitigating', '缓解中'],
  'value.riskStatus.accepted': ['Accepted', '已接受'],
  'value.riskStatus.closed': ['Closed', '已关闭'],
  'value.riskLevel.low': ['Low', '低'],
  'value.riskLevel.medium': ['Medium', '中'],
  'value.riskLevel.high': ['High', '高'],
  'value.riskLevel.critical': ['Critical', '极高'],
  'value.dealStatus.pending': ['Pending', '待审核'],
  'value.dealStatus.conflict': ['Conflict', '冲突待裁定'],
  'value.dealStatus.approved': ['Approved', '已批准'],
  'value.dealStatus.rejected': ['Rejected', '已驳回'],
  'value.dealStatus.expired': ['Expired', '已过期'],
  'value.dealStatus.won': ['Won', '已赢单'],
  'value.dealStatus.lost': ['Lost', '已丢单'],
  'value.reviewActionStatus.open': ['Open', '未开始'],
  'value.reviewActionStatus.in_progress': ['In progress', '进行中'],
  'value.reviewActionStatus.done': ['Done', '已完成'],
  'value.reviewActionStatus.cancelled': ['Cancelled', '已取消'],
  'value.segment.champions': ['Champions', '重要价值客户'],
  'value.segment.loyal': ['Loyal', '忠诚客户'],
  'value.segment.new': ['New', '新客户'],
  'value.segment.atRisk': ['At risk', '流失风险客户'],
  'value.segment.hibernating': ['Hibernating', '沉睡客户'],
  'value.segment.lost': ['Lost', '流失客户'],
  'value.ledgerKind.approved': ['Approved', '审批'],
  'value.ledgerKind.adjustment': ['Adjustment', '调整'],
  'value.ledgerKind.clawback': ['Clawback', '追回'],
  'value.ledgerKind.paid': ['Paid', '支付'],
  'value.ledgerKind.void': ['Void', '作废'],
  'value.importKind.partners': ['Partners', '合作伙伴'],
  'value.importKind.sales': ['Sales lines', '销售明细'],
  'value.importKind.targets': ['Targets', '目标'],
  'value.importKind.training': ['Training records', '培训记录'],
  'value.importKind.feedback': ['Satisfaction feedback', '满意度反馈'],
  'value.importKind.risks': ['Risks', '风险'],
  'value.importKind.products': ['Products', '产品'],
  'value.importKind.inventory': ['Inventory reports', '库存上报'],
  'value.importKind.sell-through': ['Sell-through', '动销/出货'],
  'value.importStatus.running': ['Running', '进行中'],
  'value.importStatus.committed': ['Imported', '已导入'],
  'value.importStatus.failed': ['Failed', '失败'],
  'value.importStatus.cancelled': ['Cancelled', '已取消'],
  'value.importStatus.undone': ['Undone', '已撤销'],
} as const satisfies Record<string, readonly [en: string | EnglishPlural, zh: string]>;

export type CliTextKey = keyof typeof TEXTS;

/** A language's texts by key; English adds the singular of a counted text as `key_one`, as i18next names it. */
type Catalogue = Readonly<Record<CliTextKey, string>> & Readonly<Partial<Record<`${CliTextKey}_one`, string>>>;

const english = Object.fromEntries(
  Object.entries(TEXTS).flatMap(([k, [en]]): Array<[string, string]> => (typeof en === 'string' ? [[k, en]] : [[k, en.other], [`${k}_one`, en.one]])),
) as Catalogue;
const chinese = Object.fromEntries(Object.entries(TEXTS).map(([k, [, zh]]) => [k, zh])) as Catalogue;
export const CLI_TEXTS: Record<'zh-CN' | 'en', Catalogue> = { en: english, 'zh-CN': chinese };

/** The value groups the catalogue words (`value.<group>.<value>`), each with the values it must cover. */
export const CLI_VALUE_GROUPS = {
  channelType: CHANNEL_TYPES,
  tier: TIERS,
  partnerStatus: PARTNER_STATUSES,
  territoryKind: TERRITORY_KINDS,
  periodKind: PERIOD_KINDS,
  programType: PROGRAM_TYPES,
  payoutStatus: PAYOUT_RUN_STATUSES,
  payoutLineKind: PAYOUT_LINE_KINDS,
  cycle: EVALUATION_CYCLES,
  outcome: ['succeeded', 'failed', 'skipped', 'waiting'],
  planMetric: PLAN_METRICS,
  planMethod: ['last-year-share', 'last-12-months', 'equal', 'growth-weighted', 'manual'],
  planStatus: ['draft', 'published', 'changed'],
  mdfFundStatus: MDF_FUND_STATUSES,
  mdfMethod: MDF_ALLOCATION_METHODS,
  mdfActivity: MDF_ACTIVITY_TYPES,
  mdfRequestStatus: MDF_REQUEST_STATUSES,
  mdfClaimStatus: MDF_CLAIM_STATUSES,
  riskCategory: RISK_CATEGORIES,
  riskStatus: RISK_STATUSES,
  riskLevel: RISK_LEVELS,
  dealStatus: DEAL_STATUSES,
  reviewActionStatus: REVIEW_ACTION_STATUSES,
  segment: CUSTOMER_SEGMENTS,
  ledgerKind: LEDGER_ENTRY_KINDS,
  importKind: IMPORT_KINDS,
  importStatus: IMPORT_STATUSES,
} as const;
export type CliValueGroup = keyof typeof CLI_VALUE_GROUPS;

// Every value of every group has its words, and so has every exclusion reason (a new one fails typecheck here until it has them).
type Covered<K extends string> = K extends CliTextKey ? true : never;
type GroupKeys = { [G in CliValueGroup]: `value.${G}.${(typeof CLI_VALUE_GROUPS)[G][number]}` }[CliValueGroup];
const _values: Covered<GroupKeys> = true;
const _reasons: Covered<`population.reason.${(typeof EXCLUSION_REASONS)[number]}`> = true;
void _values;
void _reasons;

export type CliLanguage = 'zh-CN' | 'en';

const PLURAL_RULES = { en: new Intl.PluralRules('en'), 'zh-CN': new Intl.PluralRules('zh-CN') };

/**
 * A CLI text in the reader's language, its `{{name}}` placeholders filled; a numeric `count` picks the language's
 * plural form (`key_one` for 1 in English), else the key's own text.
 */
export function cliText(lang: CliLanguage, key: CliTextKey, params: Record<string, string | number | null | undefined> = {}): string {
  const texts = CLI_TEXTS[lang];
  const plural = typeof params.count === 'number' ? (texts as Readonly<Record<string, string>>)[`${key}_${PLURAL_RULES[lang].select(params.count)}`] : undefined;
  return (plural ?? texts[key]).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The words of a value (`cliWord('zh-CN', 'payoutStatus', 'draft')` → 草稿); a value the group does not know is shown as stored. */
export function cliWord(lang: CliLanguage, group: CliValueGroup, value: string | null | undefined): string {
  if (value == null) return '';
  const key = `value.${group}.${value}`;
  return key in TEXTS ? CLI_TEXTS[lang][key as CliTextKey] : value;
}

/** A list joined as the language joins one (、 in Chinese). */
export function cliJoin(lang: CliLanguage, items: readonly string[]): string {
  return items.join(lang === 'zh-CN' ? '、' : ', ');
}

/**
 * A refusal the command line raises itself (an option it cannot read, a missing flag): worded in the reader's
 * language when printed (`action` in runtime.ts); its message, and the `--json` error body, stay English.
 */
export class CliError extends Error {
  constructor(
    readonly key: CliTextKey,
    readonly params: Record<string, string | number | null | undefined> = {},
  ) {
    super(cliText('en', key, params));
    this.name = 'CliError';
  }
  static is(e: unknown): e is CliError {
    return e instanceof Error && e.name === 'CliError' && 'key' in e;
  }
}

/** How many columns a terminal gives a text (a Chinese character takes two). */
export function displayWidth(s: string): number {
  return [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
}

/** Columns padded to their widest cell as a terminal shows it (a Chinese character takes two columns), two spaces apart. */
export function formatTable(header: string[] | null, rows: Array<Array<string | number>>): string {
  const cells = [...(header ? [header] : []), ...rows.map((r) => r.map(String))];
  if (!cells.length) return '';
  const n = Math.max(...cells.map((r) => r.length));
  const widths = Array.from({ length: n }, (_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c)))).join('  ')).join('\n');
}
