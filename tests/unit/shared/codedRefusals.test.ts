import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { DomainError } from '../../../shared/errors';
import { restoreWorkspaceFile } from '../../../electron/domain/backups/restoreWorkspace';
import { partnerInput } from '../../helpers/workspace';
import { refusalOf } from '../../../electron/domain/integrity/frozenRecords';
import { fillCompanyProfile, rebateProgram, sale } from '../incentives/fixture';

/**
 * Refusals a channel manager meets every day — a code that does not exist, a code already taken, a change the record's
 * status forbids — reach the window and the command line with a reason and its parameters, so both word them in the
 * reader's language (shared/errorMessages: notFound, alreadyExists, wrongStatus), never as the English message.
 */
async function refusal(p: Promise<unknown>): Promise<ApiError['body']> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(ApiError.is(e), String(e)).toBe(true);
  return (e as ApiError).body;
}

describe('coded refusals', () => {
  it('a partner, plan, fund or payout run that does not exist is named in both languages', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const partner = await refusal(api.send('partners.getByCode', { code: 'P404' }));
    expect(partner.code).toBe('NOT_FOUND');
    expect(errorText(partner, 'zh-CN')).toBe('找不到合作伙伴：P404');
    expect(errorText(partner, 'en')).toBe('No partner P404');
    expect(errorText(await refusal(api.send('plans.show', { code: 'PLAN-X' })), 'zh-CN')).toBe('找不到目标计划：PLAN-X');
    expect(errorText(await refusal(api.send('mdf.balance', { fundCode: 'F-404' })), 'zh-CN')).toBe('找不到市场费用基金：F-404');
    expect(errorText(await refusal(api.send('incentives.payouts.get', { runId: 999 })), 'en')).toBe('No payout run 999');
    const empty = await refusal(api.send('plans.create', { code: 'T-1', period: '2031', totalMinor: 100_000_00, rules: { method: 'equal' } } as never));
    expect(errorText(empty, 'zh-CN')).toBe('目标计划的范围内没有合作伙伴（合作中、入驻中或考察期）');
  });

  it('a code already taken and a status that forbids the change say which record and why', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    await api.send('partners.create', partnerInput('P1'));
    const taken = await refusal(api.send('partners.create', partnerInput('P1')));
    expect(errorText(taken, 'zh-CN')).toBe('合作伙伴 P1 已存在');
    expect(errorText(taken, 'en')).toBe('Partner P1 already exists');

    const fund = await api.send('mdf.funds.add', { code: 'F', name: '展会基金', period: '2031', budgetMinor: 1_000_000 });
    const r = await api.send('mdf.requests.add', { fundCode: fund.code, partnerCode: 'P1', activityType: 'exhibition', startsOn: '2031-03-01', endsOn: '2031-03-03', amountMinor: 100_000, share: 1 });
    await api.send('mdf.requests.reject', { requestId: r.id, reason: '预算不足' });
    const again = await refusal(api.send('mdf.requests.approve', { requestId: r.id }));
    expect(again.code).toBe('CONFLICT');
    expect(errorText(again, 'zh-CN')).toBe(`费用申请 ${r.id} 当前为“已驳回”，只有“待审批”的费用申请才能批准`);
    expect(errorText(again, 'en')).toBe(`Fund request ${r.id} is rejected: only pending ones can be approved`);
    const late = await refusal(api.send('mdf.requests.add', { fundCode: fund.code, partnerCode: 'P1', activityType: 'exhibition', startsOn: '2032-03-01', endsOn: '2032-03-03', amountMinor: 100_000, share: 1 }));
    expect(errorText(late, 'zh-CN')).toBe('活动（2032-03-01 – 2032-03-03）不在基金 F 的期间 2031（2031-01-01 – 2031-12-31）内');
  });

  it('an import that cannot be undone says which record changed, in both languages', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const path = join(tmp, 'partners.csv');
    writeFileSync(path, '合作伙伴代码,名称,渠道类型\r\nU1,优一,dealer\r\nU2,优二,dealer\r\n');
    const first = await api.send('imports.run', { kind: 'partners', path });
    const u1 = await api.send('partners.getByCode', { code: 'U1' });
    await api.send('partners.update', { id: u1.id, patch: { name: '优一改名' } } as never);
    const changed = await refusal(api.send('imports.undo', { id: first.importId }));
    expect(changed.code).toBe('CONFLICT');
    expect(errorText(changed, 'zh-CN')).toBe(`合作伙伴 U1 在导入 ${first.importId} 之后被修改：请先撤销或还原那次修改`);
    expect(errorText(changed, 'en')).toBe(`The partner U1 was changed after import ${first.importId}; undo or revert that change first`);

    writeFileSync(path, '合作伙伴代码,名称,渠道类型\r\nV1,维一,dealer\r\n');
    const second = await api.send('imports.run', { kind: 'partners', path });
    await api.send('imports.undo', { id: second.importId });
    const twice = await refusal(api.send('imports.undo', { id: second.importId }));
    expect(errorText(twice, 'zh-CN')).toBe(`导入 ${second.importId}（partners.csv）当前为“已撤销”，只有已导入的导入记录才能撤销`);
    expect(errorText(twice, 'en')).toBe(`Import ${second.importId} (partners.csv) is undone: only an imported one can be undone`);
  });

  it('evaluation refusals — partners left out, a scorecard without advice — are worded', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    await api.send('partners.create', { ...partnerInput('E1'), status: 'active', joinedOn: '2030-01-01' } as never);
    const missing = await refusal(api.send('evaluations.run', { period: '2031-Q1', partnerCodes: ['E1', 'NOPE'] }));
    expect(errorText(missing, 'zh-CN')).toBe('以下合作伙伴无法评估（不存在、已删除、处于潜在状态或在 2031-03-31 之后才加入）：NOPE');
    expect(errorText(missing, 'en')).toBe('Not evaluated (unknown, deleted, prospect or joined after 2031-03-31): NOPE');
    const run = await api.send('evaluations.run', { period: '2031-Q1', partnerCodes: ['E1'] });
    const card = (await api.send('evaluations.scorecards.list', { runId: run.runId })).rows[0]!;
    expect(card.tierRecommendation).toBeNull();
    const noAdvice = await refusal(api.send('evaluations.tier.decide', { scorecardId: card.id, decision: 'accepted' }));
    expect(errorText(noAdvice, 'zh-CN')).toBe('该评估卡没有渠道等级调整建议，无需决定');
    expect(errorText(noAdvice, 'en')).toBe('This scorecard has no tier recommendation to decide on');
  });

  it('every reason of imports and evaluations has words in both languages, not the English message', () => {
    const bodies: Array<[string, Record<string, unknown>, string, string]> = [
      ['importUndoInUse', { entity: 'training_record', key: '17', importId: 4 }, '培训记录 17 已被导入 4 之后添加的数据使用（销售、目标、培训、风险等）：请先删除那些数据', 'The training record 17 is used by data added after import 4 (sales, targets, training, risks…); remove that first'],
      ['importUndoChanged', { entity: 'risk', key: 'R-9', importId: 4, deleted: true }, '风险 R-9 在导入 4 之后被删除：请先撤销或还原那次修改', 'The risk R-9 was deleted after import 4; undo or revert that change first'],
      ['importUndoRowsChanged', { importId: 4, inserted: 120, remaining: 118 }, '导入 4 新增了 120 行，现在只剩 118 行与导入时一致：其余已被修改或删除，无法撤销此次导入', 'Import 4 added 120 rows, but 118 are still there: they were changed or deleted since, so the import cannot be undone'],
      ['importUndoPaidOut', { importId: 4, payoutRuns: [{ id: 3, period: '2025-Q1', status: 'paid' }, { id: 5, period: '2025-Q2', status: 'approved' }] }, '导入 4 的销售明细已被结算批次 3（2025-Q1，已支付）、结算批次 5（2025-Q2，已批准）使用：请先作废结算批次', 'Sales lines of import 4 were used by payout run 3 (2025-Q1, paid), payout run 5 (2025-Q2, approved); void the run first'],
      ['notAPeriod', { period: '2025-Q5' }, '“2025-Q5”不是有效的期间，可填写如 2025-Q4、2025-H1、2025-03 或 2025', '2025-Q5 is not a period; write e.g. 2025-Q4, 2025-H1, 2025-03 or 2025'],
      ['tierAlreadyDecided', { decision: 'rejected' }, '该渠道等级调整建议已经被拒绝', 'This recommendation was already rejected'],
      ['tierPartnerDeleted', { code: 'P7' }, '合作伙伴 P7 已删除：请先恢复，再决定渠道等级调整', 'Partner P7 has been deleted; restore it before deciding on its tier'],
      ['tierChangedSinceEvaluation', { code: 'P7', now: 'tier1', evaluated: 'tier2' }, '评估之后合作伙伴的渠道等级已变化（现为一级渠道，评估时为二级渠道）：请重新评估后再接受建议', "The partner's tier changed since the evaluation (now Tier 1, evaluated as Tier 2); evaluate again before accepting"],
      ['scheduleCycleLocked', {}, '已运行过的评估计划不能修改评估周期（否则其期间将对不上）：请新建一个评估计划', 'A schedule that has run cannot change its cycle (its periods would no longer match); create a new schedule instead'],
      ['scorecardsNeedPeriodOrRun', {}, '请指定期间或评估运行', 'Give a period or a run'],
      ['scheduleHasRun', {}, '该评估计划已运行过，其记录需保留：请停用它，而不是删除', 'This schedule has run already: its record is kept. Disable it instead of deleting it.'],
    ];
    // A deal the register refuses names its fields as the deal form does (they are no import kind's fields).
    const deal = [
      { path: 'partnerId', message: 'Invalid input', code: 'invalid_type', params: { expected: 'number', missing: true } },
      { path: 'expectedValueMinor', message: 'Too small', code: 'too_small', params: { minimum: 0, inclusive: true, origin: 'number' } },
      { path: 'expectedCloseOn', message: 'not a calendar date', code: 'custom', params: {} },
    ];
    bodies.push(['invalidFields', { what: 'deal', issues: deal }, '商机报备的内容无效：伙伴不能为空；预计金额不能小于 0；预计成交日期不是有效的日期', 'The deal registration is not valid: Partner is required; Expected value must be at least 0; Expected close is not a calendar date']);
    for (const [reason, params, zh, en] of bodies) {
      const body = { message: 'programmer text', data: { reason, params } };
      expect(errorText(body, 'zh-CN'), reason).toBe(zh);
      expect(errorText(body, 'en'), reason).toBe(en);
    }
  });

  it('a risk closed twice and a review meeting moved to another partner are refused in words', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const risk = await api.send('risks.save', { fields: { title: '窜货', category: 'channel_conflict', likelihood: 2, impact: 2, owner: '王磊' } });
    await api.send('risks.close', { id: risk.id });
    const closed = await refusal(api.send('risks.close', { id: risk.id }));
    expect(errorText(closed, 'zh-CN')).toBe(`风险 ${risk.code} 已关闭`);
    expect(errorText(closed, 'en')).toBe(`Risk ${risk.code} is already closed`);

    const a = await api.send('partners.create', partnerInput('RA'));
    const b = await api.send('partners.create', partnerInput('RB'));
    const m = await api.send('reviews.meetings.save', { partnerId: a.id, period: '2026-Q3', heldOn: '2026-10-10', attendees: ['王经理'], decisions: [], actions: [] });
    const moved = await refusal(api.send('reviews.meetings.save', { id: m.id, partnerId: b.id, period: '2026-Q3', heldOn: '2026-10-10', attendees: ['王经理'], decisions: [], actions: [] }));
    expect(errorText(moved, 'zh-CN')).toBe(`业务回顾 ${m.id} 属于合作伙伴 RA，不能改到其他合作伙伴名下：请为该合作伙伴新建业务回顾`);
    expect(errorText(moved, 'en')).toBe(`Review meeting ${m.id} belongs to partner RA and cannot move to another partner; add a new meeting for that partner`);
  });

  it('risk, review and backup reasons have words in both languages', () => {
    const bodies: Array<[string, Record<string, unknown>, string, string]> = [
      ['riskActionTwice', { actionId: 8, code: 'R-0003' }, '缓解行动 8 在风险 R-0003 的行动列表中出现了两次：请只保留一条', 'Mitigation action 8 is listed twice for risk R-0003; keep it once'],
      ['reviewNoPartners', { tiers: ['tier1', 'tier2'], territory: 'EAST' }, '所选范围（一级渠道、二级渠道、区域 EAST）内没有可出具回顾材料的合作伙伴（只有合作中、入驻中、考察期和暂停的合作伙伴才会生成）', 'No partner to review of Tier 1, Tier 2 in territory EAST (only active, onboarding, probation and suspended partners get packs)'],
      ['reviewNoPartners', { tiers: [], territory: null }, '没有可出具回顾材料的合作伙伴（只有合作中、入驻中、考察期和暂停的合作伙伴才会生成）', 'No partner to review (only active, onboarding, probation and suspended partners get packs)'],
      ['notAPeriod', { period: '2026Q9' }, '“2026Q9”不是有效的期间，可填写如 2025-Q4、2025-H1、2025-03 或 2025', '2026Q9 is not a period; write e.g. 2025-Q4, 2025-H1, 2025-03 or 2025'],
      ['backupIsWorkspace', {}, '备份文件不能是工作区文件本身：请另选一个文件', 'The backup file must not be the workspace itself; choose another file'],
      ['backupFileExists', { path: 'D:\\备份\\pwb.sqlite' }, 'D:\\备份\\pwb.sqlite 已存在：请另选一个文件', 'D:\\备份\\pwb.sqlite already exists; choose another file'],
      ['backupInMemory', {}, '此工作区只在内存中，没有可备份的文件', 'This workspace is in memory: there is no file to back up'],
      ['restoreWhileOpen', {}, '此工作区打开时无法替换：请关闭应用后运行 pwb restore --db <工作区> --from <备份文件>', 'This workspace cannot be swapped while open; close the app and use pwb restore --db <workspace> --from <backup>'],
      ['restoreOpenFailed', { path: 'b.sqlite', detail: 'SQLITE_CORRUPT' }, '未恢复：打开从 b.sqlite 恢复的工作区失败：数据库文件已损坏（SQLite：SQLITE_CORRUPT）；原工作区已放回', 'Not restored: opening the workspace restored from b.sqlite failed: the database file is damaged (SQLite: SQLITE_CORRUPT); the old workspace is back in place'],
      ['restoreIsWorkspace', {}, '要恢复的备份就是当前工作区文件本身：请选择一个备份文件', 'The backup to restore is the workspace itself; choose a backup file'],
    ];
    for (const [reason, params, zh, en] of bodies) {
      const body = { message: 'programmer text', data: { reason, params } };
      expect(errorText(body, 'zh-CN'), reason).toBe(zh);
      expect(errorText(body, 'en'), reason).toBe(en);
    }
  });

  it('a file that is not a workspace is refused for restore with its problems in words', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const junk = join(tmp, '报表.xlsx');
    writeFileSync(junk, 'PK not a database at all, a renamed spreadsheet'.repeat(100));
    const inMemory = await refusal(api.send('backups.create', {}));
    expect(errorText(inMemory, 'zh-CN')).toBe('此工作区只在内存中，没有可备份的文件');
    const inspection = await api.send('backups.inspect', { path: junk });
    expect(inspection.ok).toBe(false);
    expect(inspection.issues.map((i) => i.reason)).toEqual(['backup.unreadable']);
    const missing = await api.send('backups.inspect', { path: join(tmp, 'gone.sqlite') });
    expect(errorText({ message: '', data: missing.issues[0] }, 'zh-CN')).toBe(`${join(tmp, 'gone.sqlite')} 不存在或不是文件`);

    let refused: unknown = null;
    try {
      restoreWorkspaceFile(join(tmp, 'ws.sqlite'), junk);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DomainError);
    const body = { message: (refused as DomainError).message, data: (refused as DomainError).data };
    expect(errorText(body, 'zh-CN')).toBe(`未恢复：${junk} 不能用作工作区：无法作为 SQLite 数据库读取（不是数据库文件，或文件已加密）`);
    expect(errorText(body, 'en')).toMatch(/^Not restored: .+ cannot be used as a workspace: cannot be read as a SQLite database \(.+\)$/);
    const newer = { message: '', data: { reason: 'restoreCopyInvalid', params: { path: 'b.sqlite', issues: [{ reason: 'backup.newer', params: { schemaVersion: 90, appSchemaVersion: 61 } }, { reason: 'backup.notWorkspace', params: { missing: ['settings', 'partners'] } }] } } };
    expect(errorText(newer, 'zh-CN')).toBe('未恢复：b.sqlite 的副本校验未通过：由更新版本的应用写入（数据库版本 90，本应用支持到 61）：请先升级应用；不是渠道伙伴工作台的工作区（缺少数据表：settings、partners）；当前工作区保持不变');
    expect(errorText(newer, 'en')).toBe('Not restored: the copy of b.sqlite failed validation: written by a newer version of the app (schema 90, this app knows 61); update the app first; not a Partner Workbench workspace (missing tables: settings, partners); the workspace is unchanged');
    expect(errorText({ message: '', data: { reason: 'backup.noSchemaVersion', params: {} } }, 'zh-CN')).toBe('不是渠道伙伴工作台的工作区（没有数据库版本）');
    expect(errorText({ message: '', data: { reason: 'backup.integrity', params: { findings: ['row 3 missing from index'] } } }, 'zh-CN')).toBe('完整性检查未通过：row 3 missing from index');
  });

  it('market development funds: allocations, budgets and deadlines are refused in words', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    await api.send('partners.create', partnerInput('M1'));
    await api.send('partners.create', partnerInput('M2', { channelType: 'distributor' }));
    const fund = await api.send('mdf.funds.add', { code: 'CO-31', name: '联合市场基金', period: '2031', budgetMinor: 1_000_000, channelType: 'dealer' });
    const unnamed = await refusal(api.send('mdf.balance', {}));
    expect(errorText(unnamed, 'zh-CN')).toBe('请指定市场费用基金（编码或编号）');
    const outside = await refusal(api.send('mdf.allocate', { fundId: fund.id, method: 'manual', allocations: [{ partnerCode: 'M2', amountMinor: 100 }] }));
    expect(errorText(outside, 'zh-CN')).toBe('合作伙伴 M2 不在基金 CO-31 的适用范围内（区域、渠道类型、级别或指定伙伴）');
    const over = await refusal(api.send('mdf.allocate', { fundId: fund.id, method: 'manual', allocations: [{ partnerCode: 'M1', amountMinor: 1_200_000 }] }));
    expect(over.code).toBe('CONFLICT');
    expect(errorText(over, 'zh-CN')).toBe('分配合计 ¥12,000.00 将超过基金 CO-31 的预算 ¥10,000.00');
    expect(errorText(over, 'en')).toBe("Allocations would add up to ¥12,000.00, more than fund CO-31's budget of ¥10,000.00");
    const noRevenue = await refusal(api.send('mdf.allocate', { fundId: fund.id, method: 'pro_rata' }));
    expect(errorText(noRevenue, 'zh-CN')).toBe('基金 CO-31 适用范围内的合作伙伴在 2030 没有以 CNY 计的销售额，无法按比例分配：请换一个基准期间，或改用手工分配');
    const r = await api.send('mdf.requests.add', { fundCode: 'CO-31', partnerCode: 'M1', activityType: 'exhibition', startsOn: '2031-03-01', endsOn: '2031-03-03', amountMinor: 300_000, share: 1 });
    await api.send('mdf.requests.approve', { requestId: r.id });
    const below = await refusal(api.send('mdf.allocate', { fundId: fund.id, method: 'manual', allocations: [{ partnerCode: 'M1', amountMinor: 100_000 }] }));
    expect(errorText(below, 'zh-CN')).toBe('合作伙伴 M1 已从基金 CO-31 获批 ¥3,000.00：其分配额度不能低于此金额');
    expect(errorText(below, 'en')).toBe('Partner M1 already has ¥3,000.00 approved from fund CO-31: its allocation cannot be lower');
    const budget = await refusal(api.send('mdf.funds.update', { fundId: fund.id, budgetMinor: 200_000 }));
    expect(errorText(budget, 'zh-CN')).toBe('基金 CO-31 的预算不能低于已批准或已分配的金额 ¥3,000.00');
    const deadline = await refusal(api.send('mdf.funds.update', { fundId: fund.id, claimDeadline: '2030-12-31' }));
    expect(errorText(deadline, 'zh-CN')).toBe('核销截止日 2030-12-31 早于基金期间的开始日 2031-01-01');
    expect(errorText(deadline, 'en')).toBe("The claim deadline 2030-12-31 is before the fund's period starts (2031-01-01)");
  });

  it('incentives: a period of the wrong kind or outside the program, a zero adjustment, a broken program file, a run changed since calculated', async () => {
    const ws = openMemoryWorkspace();
    const api = createApi({ ws, user: 'tester' });
    const p = await api.send('partners.create', partnerInput('I1'));
    sale(ws, p.id, '2025-02-01', 70_000_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() as never });
    const kind = await refusal(api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-H1' }));
    expect(errorText(kind, 'zh-CN')).toBe('激励政策 REB-Q 按季度计算，2025-H1 是半年：请选择一个季度');
    expect(errorText(kind, 'en')).toBe('Program REB-Q is calculated per quarter; 2025-H1 is a half-year: choose a quarter');
    const outside = await refusal(api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2026-Q1' }));
    expect(errorText(outside, 'zh-CN')).toBe('期间 2026-Q1 不在激励政策 REB-Q 的有效期（2025-01-01 – 2025-12-31）内');
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const zero = await refusal(api.send('incentives.payouts.adjust', { runId: run.id, partnerCode: 'I1', amountMinor: 0, reason: '更正' }));
    expect(errorText(zero, 'zh-CN')).toBe('调整金额为零，不会改变任何结果：请填写非零金额（扣减填负数）');
    const variant = await refusal(api.send('incentives.payouts.whatIf', { runId: run.id, variant: rebateProgram({ periodKind: 'half' }) as never }));
    expect(errorText(variant, 'zh-CN')).toBe(`模拟方案须与结算批次 ${run.id} 一样按季度计算（方案为按半年）`);
    const statement = await refusal(api.send('statements.export', { runId: run.id, out: join(tmp, 'st') }));
    expect(errorText(statement, 'zh-CN')).toMatch(/^出具结算单和对账单前需先填写公司信息/);
    await fillCompanyProfile(api);
    const draft = await refusal(api.send('statements.export', { runId: run.id, out: join(tmp, 'st') }));
    expect(errorText(draft, 'zh-CN')).toBe(`结算批次 ${run.id} 当前为“草稿”：只有已批准或已支付的结算批次才能出具结算单`);
    expect(errorText(draft, 'en')).toBe(`Payout run ${run.id} is draft: statements are issued for approved or paid runs only`);
    sale(ws, p.id, '2025-03-01', 1_000_000);
    const stale = await refusal(api.send('incentives.payouts.approve', { runId: run.id }));
    expect(stale.code).toBe('CONFLICT');
    expect(errorText(stale, 'zh-CN')).toBe(`结算批次 ${run.id} 计算之后，其依据的销售、目标或合作伙伴已有变化：请重新计算后再批准`);
    const json = await refusal(api.send('incentives.programs.import', { content: '{"code": "REB-X",\n  "name": }' }));
    expect(errorText(json, 'zh-CN')).toBe('激励政策文件不是有效的 JSON（意外的“}”）');
    expect(errorText(json, 'en')).toBe('The program file is not valid JSON (unexpected “}”)');
    const cut = await refusal(api.send('incentives.programs.import', { content: '{"code": "REB-X", "name": ' }));
    expect(errorText(cut, 'zh-CN')).toBe('激励政策文件不是有效的 JSON（内容不完整，在结束前中断）');
  });

  it('target plans: locks that do not fit are named by the node as the tree shows it', async () => {
    const ws = openMemoryWorkspace();
    const api = createApi({ ws, user: 'tester' });
    const a = await api.send('partners.create', partnerInput('PA', { name: '杭州恒信商贸有限公司', nameEn: 'Hangzhou Hengxin Trading' }));
    const b = await api.send('partners.create', partnerInput('PB'));
    sale(ws, a.id, '2030-03-01', 10_000_000);
    sale(ws, b.id, '2030-03-01', 10_000_000);
    await api.send('plans.create', { code: 'PL-31', period: '2031', totalMinor: 100_000_000, rules: { method: 'last-year-share' } } as never);
    const over = await refusal(api.send('plans.lock', { code: 'PL-31', node: 'p:PA', amountMinor: 150_000_000 }));
    expect(errorText(over, 'zh-CN')).toBe('计划总目标之下已锁定的金额和保底目标合计 ¥1,500,000.00，超过了其目标 ¥1,000,000.00：请提高目标，或调整锁定');
    await api.send('plans.lock', { code: 'PL-31', node: 'p:PA', amountMinor: 60_000_000 });
    const plan = await api.send('plans.show', { code: 'PL-31' });
    const parent = plan.nodes.find((n) => n.key === 'p:PA')!.parent!;
    const below = await refusal(api.send('plans.lock', { code: 'PL-31', node: parent, amountMinor: 10_000_000 }));
    expect(plan.nodes.find((n) => n.key === parent)!.kind).toBe('channelManager');
    expect(errorText(below, 'zh-CN')).toBe(`未分配渠道经理锁定为 ¥100,000.00，低于其下已锁定的金额和新伙伴保底目标之和 ¥600,000.00：请提高锁定金额，或解除下级的锁定`);
  });

  it('territory names, ledger ranges, the demo, courses and training records are refused in words', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    await api.send('territories.add', { code: 'EAST-A', nameZh: '华东' });
    await api.send('territories.add', { code: 'EAST-B', nameZh: '华东' });
    const ambiguous = await refusal(api.send('partners.list', { regions: ['华东'] } as never));
    expect(errorText(ambiguous, 'zh-CN')).toBe('区域名称“华东”被多个区域使用：请用区域编码');
    await api.send('partners.create', partnerInput('L1'));
    const range = await refusal(api.send('ledger.partner', { partnerCode: 'L1', from: '2031-06-30', to: '2031-01-01' }));
    expect(errorText(range, 'zh-CN')).toBe('起始日期 2031-06-30 晚于结束日期 2031-01-01');
    expect(errorText(range, 'en')).toBe('The range starts (2031-06-30) after it ends (2031-01-01)');
    const demo = await refusal(api.send('system.loadDemo', {} as never));
    expect(errorText(demo, 'zh-CN')).toBe('演示数据只能载入空的工作区：本工作区已有合作伙伴或销售数据（请新建一个工作区后再载入）');
    const { course } = await api.send('training.courses.save', { code: 'C-1', titleZh: '产品认证', titleEn: 'Product certification', category: 'product', validityMonths: 12, passingScore: 60, requiredTiers: [], requiredChannelTypes: [] } as never);
    const l1 = await api.send('partners.getByCode', { code: 'L1' });
    const noScore = await refusal(api.send('training.records.save', { partnerId: l1.id, courseId: course.id, trainee: '王芳', completedOn: '2031-02-01' } as never));
    expect(errorText(noScore, 'zh-CN')).toBe('该课程设有及格分：请填写分数，或注明是否通过');
    await api.send('training.records.save', { partnerId: l1.id, courseId: course.id, trainee: '王芳', completedOn: '2031-02-01', score: 80 } as never);
    const inUse = await refusal(api.send('training.courses.delete', { id: course.id }));
    expect(errorText(inUse, 'zh-CN')).toBe('课程 C-1 已有 1 条培训记录，不能删除：请将其停用');
    expect(errorText(inUse, 'en')).toBe('Course C-1 has 1 training record and cannot be deleted; retire it (inactive) instead');
  });

  it('a program file, a risk with fields missing and a file that cannot be written name each problem in words', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const bad = await refusal(api.send('incentives.programs.import', { content: JSON.stringify([rebateProgram(), { ...rebateProgram({ code: 'REB-2' }), name: '' }]) }));
    expect(errorText(bad, 'zh-CN')).toBe('文件中的第 2 个激励政策无效：名称不能为空');
    expect(errorText(bad, 'en')).toBe('Program 2 of the file is not valid: Name is required');
    const risk = await refusal(api.send('risks.save', { fields: { category: 'credit', likelihood: 2, impact: 3 } } as never));
    expect(errorText(risk, 'zh-CN')).toBe('风险的内容无效：风险名称不能为空');
    expect(errorText(risk, 'en')).toBe('The risk is not valid: Title is required');
    const missing = join(tmp, 'no-such-folder', 'programs.json');
    const file = await refusal(api.send('incentives.programs.export', { out: missing }));
    expect(errorText(file, 'zh-CN')).toBe(`${missing} 不存在（或其所在文件夹不存在）（操作：导出激励政策）；未做任何更改`);
    expect(errorText(file, 'en')).toBe(`${missing} does not exist (or its folder does not) (step: Export incentive programs); nothing was changed`);
    const bodies: Array<[string, Record<string, unknown>, string, string]> = [
      ['workspaceBusy', { seconds: 30 }, '工作区忙（另一个任务或程序正在写入），已等待 30 秒；未做任何更改，请稍后重试', 'The workspace stayed busy for 30 s (another job or program is writing); nothing was changed, try again'],
      ['browserFileOutside', { path: 'C:\\Users\\王磊\\销售.xlsx' }, '浏览器模式下文件通过上传和下载传递：本机服务不会打开 C:\\Users\\王磊\\销售.xlsx（只打开其自身文件夹中的文件）', 'In browser mode files are uploaded and downloaded; the server does not open C:\\Users\\王磊\\销售.xlsx (only files in its own folder)'],
      ['dataConflict', { operation: 'partners.create', columns: ['partners.code'] }, '与已有数据冲突，未做任何更改（操作：新建合作伙伴；编码的值已被使用）：请刷新后重试', 'Conflicts with existing data; nothing was changed (step: Create a partner; the value of Code is taken): refresh and try again'],
      ['dataConflict', { operation: 'imports.run', columns: ['sales_lines.partner_id', 'sales_lines.dedupe_key'] }, '与已有数据冲突，未做任何更改（操作：导入数据；伙伴、sales_lines.dedupe_key的值已被使用）：请刷新后重试', 'Conflicts with existing data; nothing was changed (step: Import a file; the value of Partner, sales_lines.dedupe_key is taken): refresh and try again'],
      ['jobWorkerExited', { operation: 'evaluations.run', exitCode: 1 }, '后台任务（运行评估）意外结束（退出码 1），未完成的部分没有保存：请重试；如再次出现，请运行 pwb check 检查工作区', 'The background job (Run an evaluation) ended unexpectedly (exit code 1); what it had not finished was not saved: try again; if it happens again, run pwb check on the workspace'],
      ['storage.diskFull', { operation: 'payouts.approve', path: 'east.sqlite' }, '未保存（审批结算批次）：工作区 east.sqlite 所在磁盘已满。未做任何更改；请腾出空间后重试。', 'Not saved (Approve a payout run): the disk holding the workspace east.sqlite is full. Nothing was changed; free some space and try again.'],
      ['workspaceNewer', { file: 'D:\\pwb\\east.sqlite', fileVersion: 40, appVersion: 31 }, 'D:\\pwb\\east.sqlite 由更新版本的渠道伙伴工作台写入（数据结构版本 40，本程序只认识 31）。请升级程序后再打开；文件没有被改动。', 'D:\\pwb\\east.sqlite was written by a newer version of Partner Workbench (schema 40, this app knows 31). Update the app to open it; the file was not changed.'],
      ['waitForJobs', {}, '请等待正在运行的任务和备份完成后再试', 'Wait until running jobs and backups have finished, then try again'],
      ['planWorkbookRows', { file: 'plan.xlsx', count: 4, first: [{ row: 3, column: '目标', reason: 'badAmount' }, { row: 5, column: 'Node', reason: 'unknownNode' }] }, 'plan.xlsx 有 4 处错误，未做任何修改：第 3 行“目标”列：不是以元为单位、不小于 0、最多两位小数的金额；第 5 行“Node”列：本计划中没有该节点（合作伙伴和区域来自计划范围）', "plan.xlsx: 4 errors; nothing was changed: row 3, 目标: not an amount in yuan ≥ 0 with at most two decimals; row 5, Node: no such node in the plan (partners and territories come from the plan's scope)"],
      ['planWorkbookColumns', { file: 'plan.xlsx', sheet: '目标计划', missing: ['target', 'locked'] }, 'plan.xlsx（工作表“目标计划”）缺少列：目标、锁定（请先导出目标计划，按导出的格式编辑）', 'plan.xlsx, sheet 目标计划: missing column Target, Locked (export the plan to get the layout)'],
      ['mdfProofDamaged', { file: '发票.pdf' }, '凭证文件 发票.pdf 与保存时的 SHA-256 校验值不一致：工作区可能已损坏，请运行 pwb check 检查，并恢复最近一份完好的备份', 'Proof file 发票.pdf no longer matches its SHA-256: the workspace may be damaged. Run pwb check and restore the latest good backup'],
      ['ledgerMixedCurrencies', { code: 'P7', currency: 'CNY', currencies: ['USD', 'HKD'] }, '合作伙伴 P7 以 CNY 结算，但还有以 USD、HKD 计的往来：对账按单一币种记录，无法合并出具', 'Partner P7 has ledger entries in USD, HKD besides CNY: the ledger is kept per currency'],
    ];
    for (const [reason, params, zh, en] of bodies) {
      const body = { message: 'programmer text', data: { reason, params } };
      expect(errorText(body, 'zh-CN'), reason).toBe(zh);
      expect(errorText(body, 'en'), reason).toBe(en);
    }
  });

  it('a write the integrity triggers refuse (an approved run changed behind the domain) is worded, not the trigger text', async () => {
    const ws = openMemoryWorkspace();
    const api = createApi({ ws, user: 'tester' });
    const p = await api.send('partners.create', partnerInput('F1'));
    sale(ws, p.id, '2025-02-01', 70_000_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() as never });
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    await api.send('incentives.payouts.approve', { runId: run.id });
    let raised: unknown = null;
    try {
      ws.sqlite.prepare('update payout_lines set amount_minor = amount_minor + 1 where run_id = ?').run(run.id);
    } catch (e) {
      raised = e;
    }
    const refused = refusalOf(raised);
    expect(refused?.code).toBe('FORBIDDEN');
    const body = { message: refused!.message, data: refused!.data };
    expect(errorText(body, 'zh-CN')).toBe('已批准、已支付或已作废的结算批次及其明细已冻结，不能修改（已批准的结算批次只能标记为已支付或作废）');
    expect(errorText(body, 'en')).toBe('An approved, paid or void payout run and its lines are frozen and cannot be changed (an approved run can only be marked paid or void)');
  });

  it('risk level bands that do not follow on say which band and why, in both languages', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const bands = [
      { level: 'low', min: 1, max: 4 },
      { level: 'medium', min: 6, max: 9 },
      { level: 'high', min: 10, max: 8 },
      { level: 'critical', min: 9, max: 25 },
    ];
    const bad = await refusal(api.send('risks.bands.set', { bands } as never));
    expect(errorText(bad, 'zh-CN')).toBe('风险等级分段无效：“中”应从 5 开始（各段从 1 起首尾相接）；“高”的上限 8 小于下限 10');
    expect(errorText(bad, 'en')).toBe('The risk level bands are not valid: Medium must start at 5 (bands follow on from 1); High: the maximum 8 is below the minimum 10');
    const order = await refusal(api.send('risks.bands.set', { bands: [bands[1], bands[0], { level: 'high', min: 10, max: 15 }, { level: 'critical', min: 16, max: 24 }] } as never));
    expect(errorText(order, 'zh-CN')).toBe('风险等级分段无效：第 1 段应为“低”（从低到极高排列）；第 2 段应为“中”（从低到极高排列）');
    const short = await refusal(api.send('risks.bands.set', { bands: [{ level: 'low', min: 1, max: 4 }, { level: 'medium', min: 5, max: 9 }, { level: 'high', min: 10, max: 15 }, { level: 'critical', min: 16, max: 24 }] } as never));
    expect(errorText(short, 'zh-CN')).toBe('风险等级分段无效：最后一段应到 25 为止');
    expect(errorText(short, 'en')).toBe('The risk level bands are not valid: the last band must end at 25');
  });
});

const tmp = mkdtempSync(join(tmpdir(), 'pwb-refusals-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
