import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { riskText, type RiskTextParams } from '../../../shared/riskTexts';
import { migrationsBefore } from '../../helpers/migrations';
import { tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-risk-legacy-lines-');
afterAll(() => tmp.cleanup());

/** Descriptions as the evaluation and the channel rules wrote them before text codes (0023 kept them as `legacy`). */
const LEGACY: Array<[code: string, textCode: string, legacy: string]> = [
  ['EV-1', 'evaluation.low_attainment', '2025-Q1: attainment 45.0% (limit 60.0%). 评估自动生成 / raised by the evaluation of 2025-Q1.'],
  [
    'EV-2',
    'evaluation.revenue_drop',
    '2025-Q1: growth YoY -35.5% (limit −30.0%). 评估自动生成 / raised by the evaluation of 2025-Q1.\n2025-Q2: cleared (growth -10.0% (limit −30.0%)) — 条件已解除，请复核 / condition cleared, please review.',
  ],
  ['EV-3', 'evaluation.low_satisfaction', '2025-H1: satisfaction 2.40 (limit 3). 评估自动生成 / raised by the evaluation of 2025-H1.'],
  ['EV-4', 'evaluation.expired_certifications', '\n2025-Q3: cleared (0 expired (limit 1)) — 条件已解除，请复核 / condition cleared, please review.'],
  ['EV-5', 'evaluation.low_retention', '2025: retention 40.0% (limit 50.0%). 评估自动生成 / raised by the evaluation of 2025.'],
  [
    'CH-X',
    'inventory.crossTerritory',
    '2025-Q1: 3 of 20 located lines outside the territory (15.0%, ¥1234.50; limit 10.0%). 评估自动生成 / raised by the evaluation of 2025-Q1.\n2025-Q2: cleared — 0 of 18 located lines outside the territory (0.0%, ¥0.00; limit 10.0%). 条件已解除，自动关闭 / condition cleared, closed by the evaluation.',
  ],
  ['CH-P', 'inventory.belowFloor', '2025-Q1: 4 of 10 priced lines below the floor (40.0%, ¥88.00 under the floor; limit 5.0%). 评估自动生成 / raised by the evaluation of 2025-Q1.'],
  // Not every line is the rules' own: a person's note, the stuffing rule's period list — kept as legacy text.
  ['EV-6', 'evaluation.low_attainment', '2025-Q1: attainment 45.0% (limit 60.0%). 评估自动生成 / raised by the evaluation of 2025-Q1.\n已与伙伴沟通，下季度改进'],
  ['CH-S', 'inventory.stuffing', '2025-Q1: 2025-Q1: sell-in 40.0% vs sell-through 5.0%, DOI 120.0 ✗ (limits: 20 points, DOI 90 days). 评估自动生成 / raised by the evaluation of 2025-Q1.'],
];

describe('migration of the legacy auto-risk descriptions', () => {
  it('turns the lines the rules wrote into coded lines read in either language, and keeps any other text', () => {
    const path = join(tmp.dir, 'ws.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_risk_legacy_lines') });
    old.sqlite.prepare("insert into partners (id, code, name, channel_type, tier, status) values (1, 'P0301', '华东贸易', 'dealer', 'tier1', 'active')").run();
    const insert = old.sqlite.prepare(
      `insert into risks (code, title, description, category, partner_id, likelihood, impact, status, source, rule_code, text_code, text_params, created_at, updated_at)
       values (?, 't', ?, 'market', 1, 3, 3, 'open', 'evaluation', 'r', ?, ?, '2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')`,
    );
    for (const [code, textCode, legacy] of LEGACY) insert.run(code, legacy, textCode, JSON.stringify({ partner: 'P0301', legacy }));
    old.close();

    const ws = openWorkspace(path);
    const rows = ws.sqlite.prepare('select code, title, description, text_code as textCode, text_params as textParams from risks').all() as Array<{ code: string; title: string; description: string | null; textCode: string; textParams: string }>;
    ws.close();
    const risk = new Map(rows.map((r) => [r.code, { ...r, textParams: JSON.parse(r.textParams) as RiskTextParams }]));
    const zh = (code: string) => riskText(risk.get(code)!, 'zh-CN').description;
    const en = (code: string) => riskText(risk.get(code)!, 'en').description;

    expect(risk.get('EV-1')!.textParams.legacy).toBeUndefined();
    expect(zh('EV-1')).toBe('2025-Q1：达成率 45.0%（下限 60.0%）。由 2025-Q1 的评估自动生成。');
    expect(en('EV-1')).toBe('2025-Q1: attainment 45.0% (limit 60.0%). Raised by the evaluation of 2025-Q1.');
    expect(zh('EV-2')).toBe('2025-Q1：同比增长 -35.5%（下限 −30.0%）。由 2025-Q1 的评估自动生成。\n2025-Q2：条件已解除（环比增长 -10.0%（下限 −30.0%）），请复核。');
    expect(zh('EV-3')).toBe('2025-H1：客户满意度 2.40（下限 3）。由 2025-H1 的评估自动生成。');
    expect(zh('EV-4')).toBe('2025-Q3：条件已解除（过期认证 0 项（达到 1 项即提示）），请复核。');
    expect(en('EV-5')).toBe('2025: retention 40.0% (limit 50.0%). Raised by the evaluation of 2025.');
    expect(zh('CH-X')).toBe(
      '2025-Q1：可定位的 20 条动销中 3 条在区域外（15.0%，¥1,234.50；上限 10.0%）。由 2025-Q1 的评估自动生成。\n2025-Q2：条件已解除（可定位的 18 条动销中 0 条在区域外（0.0%，¥0.00；上限 10.0%）），已自动关闭。',
    );
    expect(en('CH-P')).toBe('2025-Q1: 4 of 10 priced lines below the floor (40.0%, ¥88.00 under the floor; limit 5.0%). Raised by the evaluation of 2025-Q1.');
    // Text no rule wrote stays as it was stored, in full.
    for (const code of ['EV-6', 'CH-S']) {
      expect(risk.get(code)!.textParams.lines).toBeUndefined();
      expect(zh(code)).toBe(LEGACY.find(([c]) => c === code)![2]);
    }
  });
});
