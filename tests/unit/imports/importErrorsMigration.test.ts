import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { getImport } from '../../../electron/domain/imports/importHistory';
import { importErrorText } from '../../../shared/importMessages';
import { schemaMessageText } from '../../../shared/validationMessages';
import { migrationsBefore } from '../../helpers/migrations';
import { tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-import-errors-migration-');
afterAll(() => tmp.cleanup());

/** Row errors as runs before codes stored them: English text only, as the checks worded it then. */
const STORED: Array<[message: string, code: string | null, params: Record<string, unknown> | null, zh: string]> = [
  ['not a number', 'notNumber', {}, '不是数字'],
  ['partnerCode is required but empty', 'required', { field: 'partnerCode' }, '伙伴编码为必填项，但为空'],
  ["amount is required but the file says 'NULL' (no value)", 'requiredNullWord', { field: 'amount', word: 'NULL' }, '金额为必填项，但文件中写的是“NULL”（表示无值）'],
  ['longer than 200 characters', 'tooLong', { max: 200 }, '超过 200 个字符'],
  ['year 1800 is out of range', 'yearOutOfRange', { year: 1800 }, '年份 1800 超出范围（1900–2200）'],
  ['month 13 does not exist', 'noSuchMonth', { month: 13 }, '月份 13 不存在'],
  ['day 30 does not exist in 2024-02', 'noSuchDay', { day: 30, month: '2024-02' }, '2024-02 没有第 30 日'],
  ["unknown partner code 'P404' (import the partners first)", 'unknownPartner', { code: 'P404', alike: [] }, '未知的伙伴编码“P404”（请先导入渠道伙伴）'],
  [
    "unknown partner code 'p001'; did you mean 'P001' or 'P-001'? (codes match exactly, case included)",
    'unknownPartner',
    { code: 'p001', alike: ['P001', 'P-001'] },
    '未知的伙伴编码“p001”；是否为 “P001” 或 “P-001”？（编码须完全一致，区分大小写）',
  ],
  [
    "'Gold' is not a tier (expected one of strategic, tier1, tier2, tier3; or map it in the mapping's \"values\")",
    'notEnumValue',
    { value: 'Gold', what: 'tier', allowed: 'strategic, tier1, tier2, tier3' },
    '“Gold”不是有效的渠道等级（应为 strategic, tier1, tier2, tier3 之一，或在映射的“值对应”中设置）',
  ],
  ["unknown territory '西域'", 'unknownTerritory', { value: '西域' }, '未知的区域“西域”'],
  ['a new partner (Q9) needs a channel type', 'newPartnerNeedsChannelType', { code: 'Q9' }, '新伙伴（Q9）需要渠道类型'],
  ['negative amount with a positive quantity (a return has both negative)', 'returnSigns', { negative: 'amount' }, '金额为负而数量为正（退货的数量和金额都应为负）'],
  ['the row has 7 fields but the header has 6 (a stray delimiter or an unquoted text?)', 'fieldCount', { fields: 7, header: 6 }, '此行有 7 个字段，而表头有 6 个（是否多了分隔符或文本未加引号？）'],
  ['The residual score cannot be higher than the inherent score', 'residualAboveInherent', {}, '剩余风险分值不能高于固有风险分值'],
  // Case and wildcards matter: these are not a check's words, and stay as stored.
  ['Not a number', null, null, 'Not a number'],
  ['day x does not exist in 2024-02', null, null, 'day x does not exist in 2024-02'],
  ['something a person typed', null, null, 'something a person typed'],
];

describe('migration of the stored import errors', () => {
  it('gives the English texts of past runs their code and parameters where they match a check, and keeps the rest', () => {
    const path = join(tmp.dir, 'ws.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_coded_import_errors') });
    old.sqlite.prepare("insert into imports (id, kind, file_name, file_size, sha256, status, started_at) values (1, 'sales', 'old.csv', 10, 'x', 'committed', '2025-01-01T00:00:00.000Z')").run();
    const insert = old.sqlite.prepare("insert into import_errors (import_id, row_number, column, value, message) values (1, ?, 'C', 'v', ?)");
    STORED.forEach(([message], i) => insert.run(i + 2, message));
    old.close();

    const ws = openWorkspace(path);
    const got = getImport(ws, 1).errors;
    ws.close();
    expect(got.map((e) => [e.message, e.code ?? null, e.params ?? null])).toEqual(STORED.map(([m, c, p]) => [m, c, p]));
    expect(got.map((e) => importErrorText(e, 'zh-CN', (m) => schemaMessageText(m, 'zh-CN')))).toEqual(STORED.map(([, , , zh]) => zh));
  });
});
