import { currentOperationName } from './operationNames';

/**
 * Every operation of the contract (electron/contract, its names as `contract` lists them) in the user's words:
 * [zh-CN, en]. One table for every surface: the audit trail and the write-wait notice (the renderer's `operations`
 * namespace is built from it, renderer/src/i18n/index.ts) and the refusals that name the operation they stopped
 * (dataConflict, jobWorkerExited, jobOutOfMemory, fileProblem, storage.*). A new operation adds its words here;
 * tests/unit/shared/operationWords.test.ts fails while one has none, or while a word names no operation.
 */
export const OPERATION_WORDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  // system
  'system.info': ['查看工作区信息', 'View the workspace information'],
  'system.unlockStatus': ['查看工作区是否已解锁', 'Check whether the workspace is unlocked'],
  'system.unlock': ['解锁工作区', 'Unlock the workspace'],
  'system.forgetKey': ['从系统钥匙串删除工作区口令', 'Remove the workspace passphrase from the OS keychain'],
  'system.today': ['读取工作区的今天', 'Read the workspace\'s today'],
  'system.check': ['检查工作区', 'Check the workspace'],
  'system.loadDemo': ['载入演示数据', 'Load the demo dataset'],
  'system.dismissDemo': ['不载入演示数据', 'Dismiss the demo dataset'],
  'system.settings.get': ['读取设置', 'Read a setting'],
  'system.settings.list': ['列出设置', 'List the settings'],
  'system.settings.set': ['修改设置', 'Change a setting'],
  'system.jobs.cancel': ['取消任务', 'Cancel a job'],
  // hq
  'hq.status': ['查看总部连接状态', 'View the HQ connection'],
  'hq.configure': ['配置总部连接', 'Configure the HQ connection'],
  'hq.savePassword': ['将总部密码保存到系统钥匙串', 'Save the HQ password in the OS keychain'],
  'hq.forgetPassword': ['从系统钥匙串删除总部密码', 'Remove the HQ password from the OS keychain'],
  'hq.publish': ['上报总部', 'Publish to HQ'],
  'hq.conflicts': ['查看总部冲突', 'View the HQ conflicts'],
  'hq.reference.list': ['查看总部参考数据', 'List the HQ reference data'],
  'hq.dashboard': ['查看总部汇总', 'View the HQ overview'],
  // partners
  'partners.list': ['查看合作伙伴列表', 'List partners'],
  'partners.get': ['查看合作伙伴', 'View a partner'],
  'partners.getByCode': ['按编码查找合作伙伴', 'Find a partner by code'],
  'partners.create': ['新建合作伙伴', 'Create a partner'],
  'partners.update': ['修改合作伙伴', 'Update a partner'],
  'partners.delete': ['删除合作伙伴', 'Delete a partner'],
  'partners.restore': ['恢复合作伙伴', 'Restore a partner'],
  // incentives
  'incentives.programs.list': ['查看激励政策列表', 'List incentive programs'],
  'incentives.programs.get': ['查看激励政策', 'View an incentive program'],
  'incentives.programs.save': ['保存激励政策', 'Save an incentive program'],
  'incentives.programs.templates': ['查看激励政策模板', 'List incentive program templates'],
  'incentives.programs.fromTemplate': ['从总部模板新建激励政策', 'New program from an HQ template'],
  'incentives.programs.delete': ['删除激励政策', 'Delete an incentive program'],
  'incentives.programs.import': ['导入激励政策', 'Import incentive programs'],
  'incentives.programs.export': ['导出激励政策', 'Export incentive programs'],
  'incentives.payouts.calculate': ['计算结算批次', 'Calculate a payout run'],
  'incentives.payouts.runs': ['查看结算批次列表', 'List payout runs'],
  'incentives.payouts.get': ['查看结算批次', 'View a payout run'],
  'incentives.payouts.approve': ['审批结算批次', 'Approve a payout run'],
  'incentives.payouts.pay': ['登记结算批次付款', 'Mark a payout run paid'],
  'incentives.payouts.void': ['作废结算批次', 'Void a payout run'],
  'incentives.payouts.adjust': ['手工调整', 'Add a manual adjustment'],
  'incentives.payouts.whatIf': ['模拟计算结算批次', 'Simulate a payout run'],
  'incentives.payouts.inquiries.list': ['查看结算疑问', 'List payout inquiries'],
  'incentives.payouts.inquiries.create': ['登记结算疑问', 'Record an inquiry'],
  'incentives.payouts.inquiries.update': ['更新结算疑问', 'Update an inquiry'],
  // statements
  'statements.export': ['导出结算单', 'Export statements'],
  // imports
  'imports.preview': ['预览导入文件', 'Preview an import file'],
  'imports.run': ['导入数据', 'Import a file'],
  'imports.list': ['查看导入记录', 'List imports'],
  'imports.get': ['查看导入记录详情', 'View an import'],
  'imports.undo': ['撤销导入', 'Undo an import'],
  'imports.templates.list': ['查看映射模板', 'List mapping templates'],
  'imports.templates.save': ['保存映射模板', 'Save a mapping template'],
  'imports.templates.delete': ['删除映射模板', 'Delete a mapping template'],
  // evaluations
  'evaluations.run': ['运行评估', 'Run an evaluation'],
  'evaluations.runs': ['查看评估运行', 'List evaluation runs'],
  'evaluations.scorecards.list': ['查看评估卡', 'List scorecards'],
  'evaluations.scorecards.compare': ['比较评估卡', 'Compare scorecards'],
  'evaluations.scorecards.partnerTrend': ['查看合作伙伴的评估卡趋势', 'View a partner\'s scorecard trend'],
  'evaluations.tier.decide': ['裁定级别调整建议', 'Decide a tier recommendation'],
  'evaluations.settings.get': ['查看评估规则', 'View the evaluation rules'],
  'evaluations.settings.set': ['修改评估规则', 'Change the evaluation rules'],
  'evaluations.schedules.list': ['查看评估计划', 'List evaluation schedules'],
  'evaluations.schedules.save': ['保存评估计划', 'Save an evaluation schedule'],
  'evaluations.schedules.delete': ['删除评估计划', 'Delete an evaluation schedule'],
  'evaluations.schedules.runDue': ['运行到期的评估计划', 'Run due evaluation schedules'],
  'evaluations.dashboard.summary': ['查看仪表盘汇总', 'View the dashboard summary'],
  // sales
  'sales.list': ['查看销售明细', 'List sales lines'],
  // audit
  'audit.list': ['查看审计记录', 'List the audit trail'],
  'audit.history': ['查看记录的变更历史', 'View a record\'s change history'],
  'audit.facets': ['读取审计记录的筛选项', 'Read the audit trail\'s filters'],
  // backups
  'backups.list': ['查看备份列表', 'List backups'],
  'backups.create': ['立即备份', 'Back up now'],
  'backups.copyTo': ['备份工作区', 'Back up the workspace'],
  'backups.inspect': ['检查备份文件', 'Inspect a backup file'],
  'backups.restore': ['从备份恢复', 'Restore from a backup'],
  // risks
  'risks.list': ['查看风险登记册', 'List the risk register'],
  'risks.get': ['查看风险', 'View a risk'],
  'risks.save': ['保存风险', 'Save a risk'],
  'risks.close': ['关闭风险', 'Close a risk'],
  'risks.actions.save': ['保存应对措施', 'Save mitigation actions'],
  'risks.heatMap': ['查看风险热力图', 'View the risk heat map'],
  'risks.overdue': ['查看逾期的缓解行动', 'List overdue mitigation actions'],
  'risks.bands.get': ['查看风险等级区间', 'View the risk level bands'],
  'risks.bands.set': ['修改风险等级区间', 'Change the risk level bands'],
  // deals
  'deals.list': ['查看商机报备列表', 'List deal registrations'],
  'deals.get': ['查看商机报备', 'View a deal registration'],
  'deals.register': ['商机报备', 'Register a deal'],
  'deals.decide': ['裁定商机报备', 'Decide a deal registration'],
  'deals.expire': ['使保护期到期', 'Expire deal protections'],
  'deals.settings.get': ['查看报备规则', 'View the deal rules'],
  'deals.settings.set': ['修改报备规则', 'Change the deal rules'],
  // training
  'training.courses.list': ['查看培训课程', 'List courses'],
  'training.courses.save': ['保存课程', 'Save a course'],
  'training.courses.delete': ['删除课程', 'Delete a course'],
  'training.records.list': ['查看培训记录', 'List training records'],
  'training.records.save': ['保存培训记录', 'Save a training record'],
  'training.records.delete': ['删除培训记录', 'Delete a training record'],
  'training.compliance': ['查看培训达标情况', 'View training compliance'],
  'training.matrix': ['查看培训矩阵', 'View the training matrix'],
  'training.expiring': ['查看即将到期的认证', 'List expiring certificates'],
  'training.exportExpiring': ['导出即将到期认证', 'Export expiring certificates'],
  // ledger
  'ledger.partner': ['查看往来台账', 'View a partner ledger'],
  'ledger.accruals': ['查看计提', 'View accruals'],
  'ledger.statements': ['导出对账单', 'Export reconciliation statements'],
  // company
  'company.profile': ['查看公司信息', 'View the company profile'],
  // territories
  'territories.list': ['查看区域', 'List territories'],
  'territories.add': ['新增区域', 'Add a territory'],
  'territories.rename': ['重命名区域', 'Rename a territory'],
  'territories.move': ['移动区域', 'Move a territory'],
  'territories.merge': ['合并区域', 'Merge territories'],
  'territories.setActive': ['启用或停用区域', 'Activate or deactivate a territory'],
  'territories.coverage.report': ['查看覆盖率报告', 'View the coverage report'],
  'territories.coverage.kpi': ['查看覆盖率指标', 'View the coverage measures'],
  'territories.coverage.provinces': ['查看各省份覆盖率', 'View coverage by province'],
  'territories.coverage.cities': ['查看各城市覆盖率', 'View coverage by city'],
  'territories.coverage.targets.list': ['查看覆盖目标', 'List coverage targets'],
  'territories.coverage.targets.add': ['新增覆盖目标', 'Add a coverage target'],
  'territories.coverage.targets.update': ['修改覆盖目标', 'Change a coverage target'],
  'territories.coverage.targets.remove': ['删除覆盖目标', 'Remove a coverage target'],
  // channelManagers
  'channelManagers.list': ['查看渠道经理', 'List channel managers'],
  'channelManagers.me': ['查看当前用户对应的渠道经理', 'View the current user\'s channel manager'],
  'channelManagers.create': ['新增渠道经理', 'Add a channel manager'],
  'channelManagers.update': ['修改渠道经理', 'Change a channel manager'],
  'channelManagers.reassign': ['更换合作伙伴的渠道经理', 'Reassign partners to a channel manager'],
  'channelManagers.history': ['查看渠道经理变更历史', 'View the channel manager history'],
  // grids
  'grids.export': ['导出表格', 'Export a grid'],
  // reviews
  'reviews.meetings.list': ['查看业务回顾会议', 'List business review meetings'],
  'reviews.meetings.get': ['查看业务回顾会议详情', 'View a business review meeting'],
  'reviews.meetings.save': ['记录业务回顾会议', 'Record a business review meeting'],
  'reviews.meetings.delete': ['删除业务回顾会议', 'Delete a business review meeting'],
  'reviews.actions.setStatus': ['更新回顾行动项', 'Update a review action item'],
  'reviews.actions.open': ['查看未完成的行动项', 'List open action items'],
  'reviews.proposals.list': ['查看上次回顾材料建议的行动项', 'List the action items the last review pack proposed'],
  'reviews.export': ['导出业务回顾材料', 'Export business review packs'],
  // mdf
  'mdf.funds.list': ['查看市场费用基金', 'List development funds'],
  'mdf.funds.get': ['查看市场费用基金详情', 'View a development fund'],
  'mdf.funds.add': ['新建市场费用基金', 'Add a development fund'],
  'mdf.funds.update': ['修改市场费用基金', 'Change a development fund'],
  'mdf.allocate': ['分配市场费用', 'Allocate development funds'],
  'mdf.balance': ['查看基金余额', 'View fund balances'],
  'mdf.requests.list': ['查看费用申请', 'List fund requests'],
  'mdf.requests.get': ['查看费用申请详情', 'View a fund request'],
  'mdf.requests.add': ['提交费用申请', 'Submit a fund request'],
  'mdf.requests.approve': ['审批费用申请', 'Approve a fund request'],
  'mdf.requests.reject': ['驳回费用申请', 'Reject a fund request'],
  'mdf.expiry.due': ['查看将逾期收回的费用', 'List approvals about to lapse'],
  'mdf.expire': ['收回逾期未核销的费用', 'Return lapsed approvals to their funds'],
  'mdf.claims.list': ['查看费用核销', 'List claims'],
  'mdf.claims.get': ['查看费用核销详情', 'View a claim'],
  'mdf.claims.add': ['提交费用核销', 'Submit a claim'],
  'mdf.claims.decide': ['审核费用核销', 'Decide a claim'],
  'mdf.claims.pay': ['支付费用核销或抵扣返利', 'Pay a claim or deduct it from rebates'],
  'mdf.proofs.get': ['读取证明文件', 'Read a proof file'],
  'mdf.roi': ['查看市场费用投入产出', 'View the development funds\' return'],
  // plans
  'plans.list': ['查看目标计划', 'List target plans'],
  'plans.show': ['查看目标计划详情', 'View a target plan'],
  'plans.create': ['创建目标计划', 'Create a target plan'],
  'plans.update': ['修改目标计划', 'Change a target plan'],
  'plans.lock': ['锁定或解锁计划金额', 'Lock or unlock a plan amount'],
  'plans.publish': ['发布目标计划', 'Publish a target plan'],
  'plans.exportXlsx': ['导出目标计划到 Excel', 'Export a target plan to Excel'],
  'plans.importXlsx': ['导入修改后的目标计划', 'Import an edited target plan'],
  // inventory
  'inventory.customers.rfm': ['终端客户 RFM 分析', 'Analyse end customers (RFM)'],
  'inventory.customers.lapsed': ['查看流失客户', 'List lapsed customers'],
  'inventory.customers.cohorts': ['查看客户留存', 'View customer cohorts'],
  'inventory.overview': ['查看库存与动销', 'View inventory and sell-through'],
  'inventory.kpi': ['查看库存与动销指标', 'View the inventory and sell-through measures'],
  'inventory.evidence': ['查看窜货与控价明细', 'View the cross-territory and below-floor lines'],
  'inventory.trend': ['查看进货与动销趋势', 'View the sell-in and sell-through trend'],
  'inventory.riskEvidence': ['查看风险的证据明细', 'View a risk\'s evidence lines'],
  'inventory.rules.get': ['查看库存与动销规则', 'View the inventory and sell-through rules'],
  'inventory.rules.set': ['修改库存与动销规则', 'Change the inventory and sell-through rules'],
  // products
  'products.list': ['查看产品', 'List products'],
  'products.create': ['新增产品', 'Add a product'],
  'products.update': ['修改产品', 'Change a product'],
  'products.setPrice': ['设置产品价格', 'Set a product price'],
};

/** An operation (or a former name of one, shared/operationNames.ts) in `lang`; a name without words stays as it is. */
export function operationWord(op: unknown, lang: 'zh-CN' | 'en'): string {
  const name = currentOperationName(String(op ?? ''));
  return Object.prototype.hasOwnProperty.call(OPERATION_WORDS, name) ? OPERATION_WORDS[name]![lang === 'zh-CN' ? 0 : 1] : String(op ?? '');
}

/** The words of `lang` nested by the names' segments, as i18next reads `operations:incentives.payouts.approve`. */
export function operationCatalogue(lang: 'zh-CN' | 'en'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, words] of Object.entries(OPERATION_WORDS)) {
    const parts = name.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = words[lang === 'zh-CN' ? 0 : 1];
  }
  return out;
}
