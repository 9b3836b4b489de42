/**
 * What SQLite's integrity check and the HQ server (PostgreSQL, or the network before it) report, worded in the user's
 * language where the report has a known kind; the raw text stays beside it only as the detail. A report of no known
 * kind is shown as it came.
 */
type Lang = 'zh-CN' | 'en';
type Words = readonly [zh: string, en: string];

/** The kinds of `PRAGMA integrity_check` / `quick_check` lines (and of a check that could not run), each worded. */
const INTEGRITY_KINDS: Array<[RegExp, (m: RegExpExecArray) => Words]> = [
  [/^(?:integrity[_ ]check could not complete|integrity check failed): /i, () => ['完整性检查无法完成', 'the integrity check could not complete']],
  [/^row (\d+) missing from index (\S+)/, (m) => [`索引 ${m[2]} 缺少第 ${m[1]} 行的条目`, `index ${m[2]} lacks the entry of row ${m[1]}`]],
  [/^wrong # of entries in index (\S+)/, (m) => [`索引 ${m[1]} 的条目数与数据表不符`, `index ${m[1]} has the wrong number of entries`]],
  [/^non-unique entry in index (\S+)/, (m) => [`唯一索引 ${m[1]} 中有重复的值`, `unique index ${m[1]} holds a duplicate value`]],
  [/^NULL value in (\S+)/, (m) => [`${m[1]} 中有不允许的空值`, `${m[1]} holds an empty value where none is allowed`]],
  [/^CHECK constraint failed in (\S+)/, (m) => [`数据表 ${m[1]} 中有违反检查约束的行`, `table ${m[1]} has a row that breaks its CHECK constraint`]],
  [/^(?:\*\*\* in database \w+ \*\*\*\s*)?Page (\d+):? (?:is )?never used/, (m) => [`第 ${m[1]} 页未被使用（空间泄漏，数据通常完好）`, `page ${m[1]} is never used (leaked space; the data is usually intact)`]],
  [/freelist/i, () => ['空闲页列表已损坏', 'the list of free pages is damaged']],
  [
    /^(?:\*\*\* in database \w+ \*\*\*\s*)?(?:Page (\d+)|(?:On )?[Tt]ree (?:\d+ )?page (\d+)|2nd reference to page (\d+)|Multiple uses for byte \d+ of page (\d+)|Fragmentation of \d+ bytes reported as \d+ on page (\d+))/,
    (m) => {
      const page = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
      return [`数据页 ${page} 已损坏`, `data page ${page} is damaged`];
    },
  ],
  [/database disk image is malformed|SQLITE_CORRUPT/i, () => ['数据库文件已损坏', 'the database file is damaged']],
  [/file is not a database|SQLITE_NOTADB/i, () => ['不是数据库文件，或文件已加密', 'not a database file, or an encrypted one']],
];

/** One integrity finding in `lang`: "索引 idx 缺少第 5 行的条目（SQLite：row 5 missing from index idx）"; unknown: as SQLite said it. */
export function integrityFindingText(finding: unknown, lang: Lang): string {
  const raw = String(finding ?? '').trim();
  for (const [re, words] of INTEGRITY_KINDS) {
    const m = re.exec(raw);
    if (m) return lang === 'zh-CN' ? `${words(m)[0]}（SQLite：${raw}）` : `${words(m)[1]} (SQLite: ${raw})`;
  }
  return raw;
}

/** A row `PRAGMA foreign_key_check` reports: the row of `table` whose `parent` record does not exist. */
export function foreignKeyViolationText(v: { table: string; rowid: number | null; parent: string }, lang: Lang): string {
  return lang === 'zh-CN'
    ? `数据表 ${v.table} 第 ${String(v.rowid ?? '?')} 行引用的 ${v.parent} 记录不存在（外键不一致）`
    : `row ${String(v.rowid ?? '?')} of table ${v.table} refers to a ${v.parent} row that does not exist (foreign key)`;
}

/** Network error codes and PostgreSQL SQLSTATEs the HQ connection meets, in words. */
const HQ_PROBLEM_WORDS: Record<string, Words> = {
  ECONNREFUSED: ['服务器拒绝连接：服务未运行，或地址、端口不对', 'the server refused the connection: it is not running, or the address or port is wrong'],
  '08001': ['无法与服务器建立连接', 'no connection to the server could be made'],
  '08004': ['服务器拒绝建立连接', 'the server rejected the connection'],
  '08006': ['与服务器的连接失败', 'the connection to the server failed'],
  ENOTFOUND: ['找不到该服务器地址（域名无法解析）', "the server's name cannot be resolved"],
  EAI_AGAIN: ['暂时无法解析服务器地址', "the server's name cannot be resolved right now"],
  ETIMEDOUT: ['连接超时', 'the connection timed out'],
  ECONNRESET: ['连接被中断', 'the connection was cut off'],
  EHOSTUNREACH: ['网络无法到达该服务器', 'the network cannot reach the server'],
  ENETUNREACH: ['网络不可用', 'the network is unreachable'],
  '57P03': ['服务器正在启动或关闭，暂不接受连接', 'the server is starting up or shutting down and accepts no connections yet'],
  '57P01': ['服务器已被管理员关闭', 'the server was shut down by its administrator'],
  '53300': ['服务器的连接数已满', 'the server has too many connections'],
  '53100': ['服务器磁盘已满', "the server's disk is full"],
  '53200': ['服务器内存不足', 'the server is out of memory'],
  '57014': ['服务器取消了该查询（超时或被取消）', 'the server cancelled the query (timeout or cancel)'],
  '40001': ['与其他办事处同时写入发生冲突', 'it collided with another office writing at the same time'],
  '40P01': ['与其他办事处的写入相互等待（死锁）', "it deadlocked with another office's write"],
  '25006': ['服务器处于只读状态', 'the server is read-only'],
  '28P01': ['角色或密码不正确', 'wrong role or password'],
  '28000': ['服务器不允许此角色登录', 'the server does not let this role log in'],
  '3D000': ['服务器上没有这个数据库', 'there is no such database on the server'],
  '42501': ['此角色没有该权限', 'this role lacks the permission'],
  '42P01': ['总部数据库中缺少数据表（尚未运行 pwb hq setup？）', 'a table is missing from the HQ database (pwb hq setup not run?)'],
};

/** The kind of an HQ failure from its code, else from its message (pg's own timeouts and dropped connections carry none). */
function hqKind(code: unknown, detail: unknown): string | null {
  if (typeof code === 'string' && HQ_PROBLEM_WORDS[code]) return code;
  const d = String(detail ?? '');
  if (HQ_PROBLEM_WORDS[d]) return d;
  if (/timeout|timed out/i.test(d)) return 'ETIMEDOUT';
  if (/terminated unexpectedly|Connection terminated/i.test(d)) return 'ECONNRESET';
  return null;
}

/** "服务器拒绝连接：…；详情：ECONNREFUSED" / "the server refused the connection: … ; detail: ECONNREFUSED"; unknown: the detail as it came. */
export function hqProblemText(p: { code?: unknown; detail?: unknown }, lang: Lang): string {
  const kind = hqKind(p.code, p.detail);
  const detail = p.detail == null || p.detail === '' ? (typeof p.code === 'string' ? p.code : '') : String(p.detail);
  if (!kind) return detail;
  const words = HQ_PROBLEM_WORDS[kind]![lang === 'zh-CN' ? 0 : 1];
  if (!detail) return words;
  return lang === 'zh-CN' ? `${words}；详情：${detail}` : `${words}; detail: ${detail}`;
}

/** The codes with words (tests). */
export const HQ_PROBLEM_CODES: readonly string[] = Object.keys(HQ_PROBLEM_WORDS);
