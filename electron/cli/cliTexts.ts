import { IMPORT_KINDS } from '../../shared/enums';
import { IMPORT_STATUSES } from '../../db/schema/imports';

/**
 * What the `pwb` command line prints for a person (headers, summaries), in Simplified Chinese and English; refusals
 * come from shared/errorMessages. `{{name}}` is filled from the parameters. The words follow the channel glossary
 * (tests/unit/i18n/glossary.test.ts reads this catalogue too), like the window's (renderer/src/i18n).
 */
const en = {
  'imports.col.id': 'Import',
  'imports.col.started': 'Started',
  'imports.col.kind': 'Kind',
  'imports.col.status': 'Status',
  'imports.col.file': 'File',
  'imports.col.rowsRead': 'Rows read',
  'imports.col.inserted': 'Inserted',
  'imports.col.updated': 'Updated',
  'imports.col.duplicates': 'Duplicates',
  'imports.col.rejected': 'Rejected',
  'imports.total': '{{n}} imports',
  'imports.summary': 'Import {{id}} ({{kind}}, {{file}}): {{rowsRead}} rows read, {{inserted}} inserted, {{updated}} updated, {{duplicates}} duplicates, {{rejected}} rejected in {{seconds}} s',
  'imports.territoriesCreated': 'Territories created: {{names}}',
  'imports.managersCreated': 'Channel managers created: {{names}}',
  'imports.rejectedFile': 'Rejected rows: {{file}}',
  'imports.moreErrors': '… {{n}} errors in all',
  'imports.undone': 'Import {{id}} undone: {{removed}} rows removed, {{restored}} restored',
  'imports.kind.partners': 'Partners',
  'imports.kind.sales': 'Sales lines',
  'imports.kind.targets': 'Targets',
  'imports.kind.training': 'Training records',
  'imports.kind.feedback': 'Satisfaction feedback',
  'imports.kind.risks': 'Risks',
  'imports.kind.products': 'Products',
  'imports.kind.inventory': 'Inventory reports',
  'imports.kind.sell-through': 'Sell-through',
  'imports.status.running': 'Running',
  'imports.status.committed': 'Imported',
  'imports.status.failed': 'Failed',
  'imports.status.cancelled': 'Cancelled',
  'imports.status.undone': 'Undone',
} as const;

type CliTextKey = keyof typeof en;

const zh: Record<CliTextKey, string> = {
  'imports.col.id': '导入',
  'imports.col.started': '开始时间',
  'imports.col.kind': '类型',
  'imports.col.status': '状态',
  'imports.col.file': '文件',
  'imports.col.rowsRead': '读取行数',
  'imports.col.inserted': '新增',
  'imports.col.updated': '更新',
  'imports.col.duplicates': '重复',
  'imports.col.rejected': '拒绝',
  'imports.total': '共 {{n}} 次导入',
  'imports.summary': '导入 {{id}}（{{kind}}，{{file}}）：读取 {{rowsRead}} 行，新增 {{inserted}}，更新 {{updated}}，重复 {{duplicates}}，拒绝 {{rejected}}，用时 {{seconds}} 秒',
  'imports.territoriesCreated': '已新建区域：{{names}}',
  'imports.managersCreated': '已新建渠道经理：{{names}}',
  'imports.rejectedFile': '被拒绝的行：{{file}}',
  'imports.moreErrors': '……共 {{n}} 条错误',
  'imports.undone': '已撤销导入 {{id}}：删除 {{removed}} 行，恢复 {{restored}} 行',
  'imports.kind.partners': '合作伙伴',
  'imports.kind.sales': '销售明细',
  'imports.kind.targets': '目标',
  'imports.kind.training': '培训记录',
  'imports.kind.feedback': '满意度反馈',
  'imports.kind.risks': '风险',
  'imports.kind.products': '产品',
  'imports.kind.inventory': '库存上报',
  'imports.kind.sell-through': '动销/出货',
  'imports.status.running': '进行中',
  'imports.status.committed': '已导入',
  'imports.status.failed': '失败',
  'imports.status.cancelled': '已取消',
  'imports.status.undone': '已撤销',
};

export const CLI_TEXTS: Record<'zh-CN' | 'en', Record<CliTextKey, string>> = { 'zh-CN': zh, en };

// Every import kind and status has its words (a new one fails typecheck here until it has them).
type Covered<P extends string, V extends string> = `${P}.${V}` extends CliTextKey ? true : never;
const _kinds: Covered<'imports.kind', (typeof IMPORT_KINDS)[number]> = true;
const _statuses: Covered<'imports.status', (typeof IMPORT_STATUSES)[number]> = true;
void _kinds;
void _statuses;

/** A CLI text in the reader's language, its `{{name}}` placeholders filled. */
export function cliText(lang: 'zh-CN' | 'en', key: CliTextKey, params: Record<string, string | number> = {}): string {
  return CLI_TEXTS[lang][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The words of a value the catalogue names (`imports.kind.sales`), else the value itself. */
export function cliValue(lang: 'zh-CN' | 'en', prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in en ? CLI_TEXTS[lang][key as CliTextKey] : value;
}

/** Columns padded to their widest cell as a terminal shows it (a Chinese character takes two columns), two spaces apart. */
export function formatTable(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
  const widths = header.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - width(c)))).join('  ')).join('\n');
}
