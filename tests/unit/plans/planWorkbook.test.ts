import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { ApiError } from '../../../shared/errors';
import { errorText, planRowWord } from '../../../shared/errorMessages';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { partner, sale } from '../evaluations/fixtures';

let ws: Workspace;
let api: Api;

beforeEach(async () => {
  ({ ws, api } = memoryApi());
  const m = (await api.send('channelManagers.create', { name: '张伟' })).id;
  const a = await partner(api, 'A', { territory: '310000', channelManagerId: m });
  const b = await partner(api, 'B', { territory: '310000', channelManagerId: m });
  const c = await partner(api, 'C', { territory: '330000', channelManagerId: m });
  sale(ws, a, '2024-02-15', 30_000_000);
  sale(ws, b, '2024-05-15', 10_000_000);
  sale(ws, c, '2024-08-15', 10_000_000);
  await api.send('plans.create', { code: 'X', period: '2025', scope: { kind: 'territory', value: 'HD' }, totalMinor: 100_000_000, rules: { method: 'last-year-share' } } as never);
});

async function exported(dir: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const out = join(dir, `plan-${lang}.xlsx`);
  await api.send('plans.exportXlsx', { code: 'X', out, lang });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return { out, wb, sheet: wb.worksheets[0] };
}

const header = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map(String);
const rowOf = (sheet: ExcelJS.Worksheet, key: string) => {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === key) return sheet.getRow(r);
  throw new Error(`no row ${key}`);
};

describe('plan workbook', () => {
  it('exports the tree with targets, quarters and months in yuan, in both languages', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { sheet, wb } = await exported(dir);
      expect(wb.worksheets[0].name).toBe('目标分解');
      expect(header(sheet).slice(0, 9)).toEqual(['节点', '层级', '编码', '名称', '分解依据', '目标', '锁定', '冲刺', '挑战']);
      expect(header(sheet)).toContain('2025-Q1');
      expect(header(sheet)).toContain('2025-12');
      expect(rowOf(sheet, 'plan').getCell(6).value).toBe(1_000_000);
      expect(rowOf(sheet, 'p:A').getCell(6).value).toBe(600_000);
      expect(rowOf(sheet, 'p:A').getCell(2).value).toBe('合作伙伴');
      const en = await exported(dir, 'en');
      expect(en.wb.worksheets[0].name).toBe('Allocation');
      expect(header(en.sheet).slice(0, 7)).toEqual(['Node', 'Level', 'Code', 'Name', 'Basis', 'Target', 'Locked']);
    } finally {
      cleanup();
    }
  });

  it('does not write over an existing workbook unless asked: refuse, rename beside it, or replace', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'plan.xlsx');
      writeFileSync(out, 'kept');
      const refused = await api.send('plans.exportXlsx', { code: 'X', out, lang: 'zh-CN' }).catch((x: unknown) => x);
      expect(ApiError.is(refused) && refused.body.code).toBe('CONFLICT');
      expect(readFileSync(out, 'utf8')).toBe('kept');
      const beside = await api.send('plans.exportXlsx', { code: 'X', out, lang: 'zh-CN', onExists: 'rename' });
      expect(beside.path).toBe(join(dir, 'plan (2).xlsx'));
      expect(readFileSync(out, 'utf8')).toBe('kept');
      await api.send('plans.exportXlsx', { code: 'X', out, lang: 'en', onExists: 'replace' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.worksheets[0].name).toBe('Allocation');
    } finally {
      cleanup();
    }
  });

  it('brings an edited workbook back: changed targets become locks, the total follows the plan row, the rest re-spreads', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { out, wb, sheet } = await exported(dir);
      rowOf(sheet, 'plan').getCell(6).value = 1_200_000;
      rowOf(sheet, 'p:B').getCell(6).value = 400_000.5;
      rowOf(sheet, 'p:C').getCell(7).value = '是';
      await wb.xlsx.writeFile(out);
      const r = await api.send('plans.importXlsx', { code: 'X', path: out });
      expect(r).toMatchObject({ locked: 2, unlocked: 0, totalChanged: true });
      const p = await api.send('plans.show', { code: 'X' });
      const amount = (k: string) => p.nodes.find((n) => n.key === k)!;
      expect(p.totalMinor).toBe(120_000_000);
      expect(amount('p:B')).toMatchObject({ amountMinor: 40_000_050, locked: true });
      expect(amount('p:C')).toMatchObject({ amountMinor: 20_000_000, locked: true });
      expect(amount('p:A').amountMinor).toBe(120_000_000 - 40_000_050 - 20_000_000);
    } finally {
      cleanup();
    }
  });

  it('refuses the whole file on any bad row, naming row and column, and changes nothing', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { out, wb, sheet } = await exported(dir);
      rowOf(sheet, 'plan').getCell(6).value = 2_000_000;
      rowOf(sheet, 'p:A').getCell(6).value = '12,34x';
      const b = rowOf(sheet, 'p:B');
      b.getCell(6).value = 1.234;
      sheet.addRow(['p:NOPE', '', '', '', 0, 5, '']);
      const rowNope = sheet.rowCount;
      await wb.xlsx.writeFile(out);
      const err = await api.send('plans.importXlsx', { code: 'X', path: out }).then(
        () => null,
        (e: { body: { code: string; message: string; data?: { errors: Array<{ row: number; column: string; message: string; reason: string }> } } }) => e.body,
      );
      expect(err?.code).toBe('DOMAIN');
      const errors = err!.data!.errors;
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [rowOf(sheet, 'p:A').number, '目标'],
        [b.number, '目标'],
        [rowNope, '节点'],
      ]);
      expect(errors.map((e) => e.reason)).toEqual(['badAmount', 'badAmount', 'unknownNode']);
      // The page's table of rows and the refusal say the same, from one table (shared/errorMessages.ts PLAN_ROW_WORDS).
      expect(errors.map((e) => planRowWord(e.reason, 'en', true))).toEqual([
        'Not an amount in yuan ≥ 0 with at most two decimals',
        'Not an amount in yuan ≥ 0 with at most two decimals',
        "No such node in the plan (partners and territories come from the plan's scope)",
      ]);
      expect(errorText(err!, 'zh-CN')).toContain(`第 ${rowNope} 行“节点”列：本计划中没有该节点（合作伙伴和区域来自计划范围）`);
      expect(errorText(err!, 'zh-CN')).toContain(planRowWord('badAmount', 'zh-CN'));
      expect(errorText(err!, 'en')).toContain(`row ${rowNope}, 节点: ${planRowWord('unknownNode', 'en')}`);
      const p = await api.send('plans.show', { code: 'X' });
      expect(p.totalMinor).toBe(100_000_000);
      expect(p.nodes.some((n) => n.locked)).toBe(false);

      // Amounts that are each fine but do not fit together: refused as a whole too.
      const again = await exported(dir, 'en');
      rowOf(again.sheet, 'p:A').getCell(6).value = 5_000_000;
      await again.wb.xlsx.writeFile(again.out);
      await expect(api.send('plans.importXlsx', { code: 'X', path: again.out })).rejects.toMatchObject({ body: { code: 'DOMAIN' } });
      expect((await api.send('plans.show', { code: 'X' })).nodes.some((n) => n.locked)).toBe(false);
    } finally {
      cleanup();
    }
  });
});
