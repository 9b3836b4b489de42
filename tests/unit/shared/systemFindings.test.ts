import { describe, expect, it } from 'vitest';
import { errorText } from '../../../shared/errorMessages';
import { foreignKeyViolationText, HQ_PROBLEM_CODES, hqProblemText, integrityFindingText } from '../../../shared/systemFindings';

/**
 * SQLite's integrity findings and the HQ server's errors inside worded refusals: a finding of a known kind is said in
 * the reader's language and SQLite's / PostgreSQL's own text stays only as the detail; one of no known kind as it came.
 */
const HAN = /[\u4e00-\u9fff]/;
const body = (reason: string, params: Record<string, unknown>) => ({ message: '(english)', data: { reason, params } });

describe('integrity findings in words', () => {
  it('names each known kind of integrity_check line in both languages, SQLite’s text as the detail', () => {
    const cases: Array<[string, string, string]> = [
      ['row 3 missing from index idx_sales_partner', '索引 idx_sales_partner 缺少第 3 行的条目', 'index idx_sales_partner lacks the entry of row 3'],
      ['wrong # of entries in index idx_sales_partner', '索引 idx_sales_partner 的条目数与数据表不符', 'index idx_sales_partner has the wrong number of entries'],
      ['non-unique entry in index partners_code_unique', '唯一索引 partners_code_unique 中有重复的值', 'unique index partners_code_unique holds a duplicate value'],
      ['NULL value in partners.code', 'partners.code 中有不允许的空值', 'partners.code holds an empty value where none is allowed'],
      ['CHECK constraint failed in payout_runs', '数据表 payout_runs 中有违反检查约束的行', 'table payout_runs has a row that breaks its CHECK constraint'],
      ['Page 17: never used', '第 17 页未被使用（空间泄漏，数据通常完好）', 'page 17 is never used (leaked space; the data is usually intact)'],
      ['*** in database main ***\nPage 5: btreeInitPage() returns error code 11', '数据页 5 已损坏', 'data page 5 is damaged'],
      ['Tree 4 page 9 cell 0: Rowid 12 out of order', '数据页 9 已损坏', 'data page 9 is damaged'],
      ['2nd reference to page 31', '数据页 31 已损坏', 'data page 31 is damaged'],
      ['database disk image is malformed', '数据库文件已损坏', 'the database file is damaged'],
      ['integrity check could not complete: file is not a database', '完整性检查无法完成', 'the integrity check could not complete'],
    ];
    for (const [raw, zh, en] of cases) {
      expect(integrityFindingText(raw, 'zh-CN'), raw).toBe(`${zh}（SQLite：${raw}）`);
      expect(integrityFindingText(raw, 'en'), raw).toBe(`${en} (SQLite: ${raw})`);
    }
    expect(integrityFindingText('something SQLite has not said before', 'zh-CN')).toBe('something SQLite has not said before');
  });

  it('a foreign key violation names the row, its table and the missing parent', () => {
    expect(foreignKeyViolationText({ table: 'sales_lines', rowid: 12, parent: 'partners' }, 'zh-CN')).toBe('数据表 sales_lines 第 12 行引用的 partners 记录不存在（外键不一致）');
    expect(foreignKeyViolationText({ table: 'sales_lines', rowid: 12, parent: 'partners' }, 'en')).toBe('row 12 of table sales_lines refers to a partners row that does not exist (foreign key)');
  });

  it('the refusals that carry findings word them: a damaged workspace, a backup that fails its check, a file that is no workspace', () => {
    const damaged = body('workspaceDamaged', { path: 'east.sqlite', finding: 'row 3 missing from index idx_a' });
    expect(errorText(damaged, 'zh-CN')).toBe('工作区 east.sqlite 已损坏：索引 idx_a 缺少第 3 行的条目（SQLite：row 3 missing from index idx_a）。为保护数据，已拒绝修改。请恢复最近一份完好的备份（设置 → 备份，或 pwb restore）。');
    expect(errorText(damaged, 'en')).toBe('The workspace east.sqlite is damaged: index idx_a lacks the entry of row 3 (SQLite: row 3 missing from index idx_a). Changes are refused to protect your data. Restore the latest good backup (Settings → Backups, or pwb restore).');
    const backup = body('backupCheckFailed', { path: 'b.sqlite', findings: 'row 3 missing from index idx_a; wrong # of entries in index idx_a' });
    expect(errorText(backup, 'zh-CN')).toBe('备份 b.sqlite 未通过完整性检查：索引 idx_a 缺少第 3 行的条目（SQLite：row 3 missing from index idx_a）；索引 idx_a 的条目数与数据表不符（SQLite：wrong # of entries in index idx_a）。未保留此备份：工作区本身可能已损坏，请运行 pwb check 检查');
    expect(errorText(backup, 'en')).toMatch(/^The backup b\.sqlite failed its integrity check: index idx_a lacks the entry of row 3 \(SQLite: .+\); index idx_a has the wrong number of entries \(SQLite: .+\)\. It was not kept: /);
    const inspect = body('backup.integrity', { findings: ['NULL value in partners.code'] });
    expect(errorText(inspect, 'zh-CN')).toBe('完整性检查未通过：partners.code 中有不允许的空值（SQLite：NULL value in partners.code）');
    expect(errorText(inspect, 'en')).toBe('the integrity check failed: partners.code holds an empty value where none is allowed (SQLite: NULL value in partners.code)');
  });
});

describe('HQ server errors in words', () => {
  it('names the common network codes and SQLSTATEs in both languages, the raw text as the detail', () => {
    expect(hqProblemText({ code: 'ECONNREFUSED', detail: 'ECONNREFUSED' }, 'zh-CN')).toBe('服务器拒绝连接：服务未运行，或地址、端口不对；详情：ECONNREFUSED');
    expect(hqProblemText({ code: 'ECONNREFUSED', detail: 'ECONNREFUSED' }, 'en')).toBe('the server refused the connection: it is not running, or the address or port is wrong; detail: ECONNREFUSED');
    expect(hqProblemText({ code: '57P03', detail: '57P03' }, 'zh-CN')).toBe('服务器正在启动或关闭，暂不接受连接；详情：57P03');
    expect(hqProblemText({ code: '28P01', detail: 'password authentication failed for user "office_east"' }, 'en')).toBe('wrong role or password; detail: password authentication failed for user "office_east"');
    expect(hqProblemText({ code: '3D000', detail: 'database "pwb_hq" does not exist' }, 'zh-CN')).toBe('服务器上没有这个数据库；详情：database "pwb_hq" does not exist');
    expect(hqProblemText({ code: '08001', detail: 'could not connect' }, 'zh-CN')).toBe('无法与服务器建立连接；详情：could not connect');
    // pg's own timeouts and dropped connections carry no code: their message says which.
    expect(hqProblemText({ code: null, detail: 'timeout expired' }, 'zh-CN')).toBe('连接超时；详情：timeout expired');
    expect(hqProblemText({ code: null, detail: 'Connection terminated unexpectedly' }, 'en')).toBe('the connection was cut off; detail: Connection terminated unexpectedly');
    expect(hqProblemText({ code: 'XX000', detail: 'internal error' }, 'zh-CN')).toBe('internal error');
    for (const code of HQ_PROBLEM_CODES) {
      expect(hqProblemText({ code }, 'zh-CN'), code).toMatch(HAN);
      expect(hqProblemText({ code }, 'en'), code).not.toMatch(HAN);
    }
  });

  it('an unreachable HQ and a server error say why in the reader’s language', () => {
    const offline = body('OFFLINE', { server: '127.0.0.1:1/pwb_hq', code: 'ECONNREFUSED', detail: 'ECONNREFUSED' });
    expect(errorText(offline, 'zh-CN')).toContain('当前无法连接总部服务器 127.0.0.1:1/pwb_hq（服务器拒绝连接：服务未运行，或地址、端口不对；详情：ECONNREFUSED）。数据没有丢失');
    expect(errorText(offline, 'en')).toContain('HQ server 127.0.0.1:1/pwb_hq cannot be reached right now (the server refused the connection: it is not running, or the address or port is wrong; detail: ECONNREFUSED).');
    const server = body('SERVER', { server: 'hq:5432/pwb_hq', code: '53300', detail: 'sorry, too many clients already' });
    expect(errorText(server, 'zh-CN')).toBe('总部服务器 hq:5432/pwb_hq报错：服务器的连接数已满；详情：sorry, too many clients already。没有丢失任何数据，请稍后重试或联系总部。');
    expect(errorText(server, 'en')).toBe('The HQ server hq:5432/pwb_hq reported an error: the server has too many connections; detail: sorry, too many clients already. Nothing was lost; try again later or contact HQ.');
    // A stored failure from before the code was kept still reads: its detail alone names the kind.
    expect(errorText(body('OFFLINE', { server: 'hq', detail: 'ECONNREFUSED' }), 'zh-CN')).toContain('（服务器拒绝连接：服务未运行，或地址、端口不对；详情：ECONNREFUSED）');
  });
});
