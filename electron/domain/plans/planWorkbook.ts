import { DomainError } from '../../../shared/errors';
import type { PlanRowProblem } from '../../../shared/errorMessages';
import { decimalToMinor } from '../../../shared/money';
import type { Cell, RowError } from '../../model/imports';
import { isQuantityMetric, type PlanImportResult, type PlanNode } from '../../model/plans';
import { outputPath, type OnExists } from '../exports/outputPath';
import { writeXlsx, type XlsxColumn } from '../exports/xlsxWriter';
import { openXlsxSource } from '../imports/xlsxSource';
import { cellText } from '../imports/recordSource';
import { sniffFile } from '../imports/fileSniffer';
import { inWriteTransaction } from '../../../db/writeLock';
import type { OpContext } from '../opContext';
import { draftAllocation, locksOf, planRow, showPlan } from './plans';
import { planStore } from './store';

/**
 * A plan as a workbook a channel manager edits in Excel or WPS and brings back: one sheet, one row per node of the
 * tree (plan, territories, channel managers, partners), the node key first. On import only Target and Locked are read:
 * a row whose target differs from the plan's current figure, or that says Locked, becomes a lock at that amount; a row
 * that says not locked loses its lock; the plan row's target is the plan's new total. Quarters and months are written
 * for reading and recomputed on import (the time split follows the plan's rule). All or nothing: any error (unknown
 * node, amount that is not yuan with at most two decimals, negative, locks that no longer fit) changes nothing.
 */
export type PlanSheetLang = 'zh-CN' | 'en';

const HEAD = {
  node: { 'zh-CN': '节点', en: 'Node' },
  level: { 'zh-CN': '层级', en: 'Level' },
  code: { 'zh-CN': '编码', en: 'Code' },
  name: { 'zh-CN': '名称', en: 'Name' },
  basis: { 'zh-CN': '分解依据', en: 'Basis' },
  target: { 'zh-CN': '目标', en: 'Target' },
  locked: { 'zh-CN': '锁定', en: 'Locked' },
  stretch: { 'zh-CN': '冲刺', en: 'Stretch' },
  challenge: { 'zh-CN': '挑战', en: 'Challenge' },
} as const;

const LEVEL = {
  plan: { 'zh-CN': '计划', en: 'Plan' },
  territory: { 'zh-CN': '区域', en: 'Territory' },
  channelManager: { 'zh-CN': '渠道经理', en: 'Channel manager' },
  partner: { 'zh-CN': '合作伙伴', en: 'Partner' },
} as const;

const YES = new Set(['是', 'y', 'yes', 'true', '1', '锁定', 'locked', 'x', '✓']);
const NO = new Set(['', '否', 'n', 'no', 'false', '0']);

export const PLAN_SHEET_NAME: Record<PlanSheetLang, string> = { 'zh-CN': '目标分解', en: 'Allocation' };

export async function exportPlanXlsx(ctx: OpContext, code: string, out: string, lang: PlanSheetLang, onExists: OnExists = 'refuse'): Promise<{ path: string; rows: number }> {
  const plan = showPlan(ctx, { code });
  const att = new Map(plan.attainment.map((a) => [a.key, a]));
  const kind = isQuantityMetric(plan.metric) ? 'integer' : 'money';
  const money = (header: string, value: (n: PlanNode) => number | null | undefined): XlsxColumn<PlanNode> => ({ header, kind, value: (n) => value(n) ?? null, width: 16 });
  const columns: XlsxColumn<PlanNode>[] = [
    { header: HEAD.node[lang], value: (n) => n.key, width: 24, numFmt: '@' },
    { header: HEAD.level[lang], value: (n) => LEVEL[n.kind][lang], width: 12 },
    { header: HEAD.code[lang], value: (n) => (n.kind === 'plan' ? plan.code : n.code), width: 12, numFmt: '@' },
    { header: HEAD.name[lang], value: (n) => (n.kind === 'plan' ? (plan.name ?? plan.code) : lang === 'en' ? (n.nameEn ?? n.nameZh) : n.nameZh), width: 34 },
    money(HEAD.basis[lang], (n) => n.basisMinor),
    money(HEAD.target[lang], (n) => n.amountMinor),
    { header: HEAD.locked[lang], value: (n) => (n.locked ? (lang === 'en' ? 'yes' : '是') : ''), width: 8 },
    money(HEAD.stretch[lang], (n) => att.get(n.key)?.stretchMinor),
    money(HEAD.challenge[lang], (n) => att.get(n.key)?.challengeMinor),
    ...plan.quarters.map((q) => money(q, (n) => n.quarters[q])),
    ...plan.months.map((m) => money(m, (n) => n.months[m])),
  ];
  const path = outputPath(out, onExists);
  return writeXlsx(path, [{ name: PLAN_SHEET_NAME[lang], columns, rows: plan.nodes }]);
}

/** Whole units of a quantity plan (sell-through), as a number cell or typed with thousands separators. */
function wholeUnits(c: Cell): number | null {
  if (typeof c === 'number') return Number.isSafeInteger(c) ? c : null;
  if (typeof c !== 'string') return null;
  const text = c.replace(/[\s,]/g, '');
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** Yuan as typed or as a number cell → fen; null when it is not an amount with at most two decimals. */
function yuan(c: Cell): number | null {
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) return null;
    const text = String(c);
    if (/e/i.test(text) || /\.\d{3,}$/.test(text)) return null;
    return decimalToMinor(text);
  }
  if (typeof c !== 'string') return null;
  const text = c.replace(/[\s,¥￥]/g, '').replace(/^CNY/i, '');
  if (!/^-?\d*(\.\d{0,2})?$/.test(text) || text === '' || text === '-') return null;
  return decimalToMinor(text);
}

export async function importPlanXlsx(ctx: OpContext, code: string, path: string): Promise<PlanImportResult> {
  const { ws } = ctx;
  const row = planRow(ws, code);
  const sniffed = sniffFile(path, {});
  if (sniffed.format !== 'xlsx') throw new DomainError(`${path}: not an XLSX workbook (export the plan, edit it in Excel or WPS and save it as .xlsx)`, 'DOMAIN', { reason: 'planNotXlsx', params: { file: path } });
  const locks = locksOf(ws, row.id);
  const current = draftAllocation(ctx, row, locks).nodes;
  const byKey = new Map(current.map((n) => [n.key, n]));
  const src = await openXlsxSource(path, sniffed.fileSize, null);
  const errors: Array<RowError & { reason: PlanRowProblem }> = [];
  const file = path.split(/[\\/]/).pop();
  /** `reason` names the problem for the words (shared/errorMessages.ts PLAN_ROW_WORDS); `message` says it in English for the CLI and logs. */
  const fail = (r: number, column: string, value: Cell | undefined, reason: PlanRowProblem, message: string) => errors.push({ row: r, column, value: cellText(value), message, reason });
  const quantity = isQuantityMetric(row.metric);
  let newTotal = row.totalMinor;
  const next = new Map(locks);
  const seen = new Set<string>();
  let lockedCount = 0;
  let unlockedCount = 0;
  try {
    const norm = (h: string) => h.trim().toLowerCase();
    const col = (k: keyof typeof HEAD) => src.header.findIndex((h) => norm(h) === norm(HEAD[k]['zh-CN']) || norm(h) === norm(HEAD[k].en));
    const iNode = col('node');
    const iTarget = col('target');
    const iLocked = col('locked');
    const missing = (
      [
        ['node', iNode],
        ['target', iTarget],
        ['locked', iLocked],
      ] as const
    ).filter(([, i]) => i < 0);
    if (missing.length) {
      throw new DomainError(
        `${file}, sheet '${src.sheet}': missing column ${missing.map(([k]) => `${HEAD[k]['zh-CN']} / ${HEAD[k].en}`).join(', ')} (export the plan to get the layout)`,
        'DOMAIN',
        { reason: 'planWorkbookColumns', params: { file, sheet: src.sheet, missing: missing.map(([k]) => k) } },
      );
    }
    const [hNode, hTarget, hLocked] = [src.header[iNode], src.header[iTarget], src.header[iLocked]];
    for await (const rec of src.records()) {
      const key = cellText(rec.cells[iNode]).trim();
      if (!key) {
        fail(rec.row, hNode, rec.cells[iNode], 'emptyNode', 'the node key is empty');
        continue;
      }
      const node = byKey.get(key);
      if (!node) {
        fail(rec.row, hNode, key, 'unknownNode', `no node ${key} in plan ${row.code} (partners and territories come from the plan's scope)`);
        continue;
      }
      if (seen.has(key)) {
        fail(rec.row, hNode, key, 'duplicateNode', `node ${key} appears twice`);
        continue;
      }
      seen.add(key);
      const amount = quantity ? wholeUnits(rec.cells[iTarget]) : yuan(rec.cells[iTarget]);
      if (amount === null || amount < 0) {
        if (quantity) fail(rec.row, hTarget, rec.cells[iTarget], 'badUnits', 'not a whole number of units ≥ 0');
        else fail(rec.row, hTarget, rec.cells[iTarget], 'badAmount', 'not an amount in yuan ≥ 0 with at most two decimals');
        continue;
      }
      const lockText = cellText(rec.cells[iLocked]).trim().toLowerCase();
      const wantsLock = YES.has(lockText);
      if (!wantsLock && !NO.has(lockText)) {
        fail(rec.row, hLocked, rec.cells[iLocked], 'badLocked', 'Locked is 是/yes or empty/否/no');
        continue;
      }
      if (key === 'plan') {
        newTotal = amount;
        continue;
      }
      if (wantsLock || amount !== node.amountMinor) {
        if (next.get(key) !== amount) lockedCount++;
        next.set(key, amount);
      } else if (next.has(key)) {
        next.delete(key);
        unlockedCount++;
      }
    }
  } finally {
    src.close();
  }
  if (errors.length) {
    throw new DomainError(`${file}: ${errors.length} error(s); nothing was changed — ${errors.slice(0, 3).map((e) => `row ${e.row}, ${e.column}: ${e.message}`).join('; ')}`, 'DOMAIN', {
      errors,
      reason: 'planWorkbookRows',
      params: { file, count: errors.length, first: errors.slice(0, 3).map(({ row, column, reason }) => ({ row, column, reason })) },
    });
  }
  // The write re-checks against the plan as it is then (another window may have changed it while the file was read).
  return inWriteTransaction(ws.sqlite, () => {
    const now = planRow(ws, code);
    if (now.updatedAt !== row.updatedAt) throw new DomainError(`Plan ${row.code} was changed while ${file} was read; import it again`, 'CONFLICT', { reason: 'planChangedWhileRead', params: { code: row.code, file } });
    try {
      draftAllocation(ctx, { ...row, totalMinor: newTotal }, next);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      throw new DomainError(`${file}: the amounts do not fit together; nothing was changed — ${e.message}`, 'DOMAIN', { reason: 'planWorkbookDoesNotFit', params: { file, detail: e.message, problem: e.data } });
    }
    planStore.replaceLocks(ws, row.id, next);
    planStore.update(ws, row.id, { totalMinor: newTotal, updatedAt: ctx.clock.now().toISOString() });
    ctx.audit({
      entity: 'target_plan',
      entityId: row.code,
      before: { totalMinor: row.totalMinor, locks: Object.fromEntries(locks) },
      after: { totalMinor: newTotal, locks: Object.fromEntries(next), file },
    });
    return { plan: showPlan(ctx, { code: row.code }), locked: lockedCount, unlocked: unlockedCount, totalChanged: newTotal !== row.totalMinor };
  });
}
