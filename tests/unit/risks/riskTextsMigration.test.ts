import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { riskText, type RiskTextParams } from '../../../shared/riskTexts';
import { migrationsBefore } from '../../helpers/migrations';
import { tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-risk-texts-migration-');
afterAll(() => tmp.cleanup());

describe('migration of the stored risk texts', () => {
  it('turns the bilingual auto-risk and deal-conflict texts into codes, and leaves a title a person wrote alone', () => {
    const path = join(tmp.dir, 'ws.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_risk_text_codes') });
    const s = old.sqlite;
    s.prepare("insert into partners (id, code, name, channel_type, tier, status) values (1, 'P0301', '华东贸易', 'dealer', 'tier1', 'active'), (2, 'P0302', '南方商贸', 'dealer', 'tier2', 'active')").run();
    s.prepare(
      `insert into deal_registrations (id, partner_id, customer_name, customer_key, product_line, expected_value_minor, quoted_price_minor, status, registered_at, conflicts)
       values (7, 2, '上海华信有限公司', '上海华信', 'smart-lock', 1000000, 40000, 'conflict', '2025-03-01T02:00:00.000Z', ?)`,
    ).run(
      JSON.stringify([
        { kind: 'customer', registrationId: 6, partnerId: 1, partnerCode: 'P0301', partnerName: '华东贸易', customerName: '上海华信有限公司', matchedBy: ['name'], status: 'approved' },
        { kind: 'price', productLine: 'smart-lock', quotedPriceMinor: 40000, floorMinor: 50000 },
      ]),
    );
    const risk = s.prepare(
      `insert into risks (code, title, description, category, partner_id, likelihood, impact, status, source, rule_code, created_at, updated_at)
       values (?, ?, ?, ?, ?, 3, 3, 'open', ?, ?, '2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')`,
    );
    risk.run('EV-0001-00001-2', '目标达成率偏低：P0301 / Low target attainment: P0301', '2025-Q1: attainment 45.0% (limit 60.0%). 评估自动生成 / raised by the evaluation of 2025-Q1.', 'market', 1, 'evaluation', 'low_attainment');
    risk.run('CH-1-1-X', '窜货：P0301 / Cross-territory selling: P0301', '2025-Q1: 1 of 2 located lines outside the territory', 'channel_conflict', 1, 'evaluation', 'inventory:crossTerritory');
    risk.run(
      'R-0001',
      '渠道冲突 / Channel conflict：上海华信有限公司',
      'P0302 南方商贸 报备的客户「上海华信有限公司」已由 P0301 华东贸易 报备（90 天内或仍在保护期）。\nCustomer "上海华信有限公司" registered by P0302 南方商贸 is already registered by P0301 华东贸易 (within 90 days or still protected).\n商机报备 #7，待经理裁定。 / Deal registration #7 awaits the manager\'s decision.',
      'channel_conflict',
      2,
      'deal',
      'deal:7',
    );
    risk.run('EV-0001-00002-2', '达成率低，已约谈', '经理自己写的说明', 'market', 2, 'evaluation', 'low_attainment');
    old.close();

    const ws = openWorkspace(path);
    const rows = ws.sqlite.prepare('select code, title, description, text_code as textCode, text_params as textParams from risks order by code').all() as Array<{ code: string; title: string; description: string | null; textCode: string | null; textParams: string | null }>;
    ws.close();
    const byCode = new Map(rows.map((r) => [r.code, { ...r, textParams: r.textParams ? (JSON.parse(r.textParams) as RiskTextParams) : null }]));
    const zh = (code: string) => riskText(byCode.get(code)!, 'zh-CN');
    const en = (code: string) => riskText(byCode.get(code)!, 'en');

    expect(byCode.get('EV-0001-00001-2')!.textCode).toBe('evaluation.low_attainment');
    expect([zh('EV-0001-00001-2').title, en('EV-0001-00001-2').title]).toEqual(['目标达成率偏低：P0301', 'Low target attainment: P0301']);
    expect([zh('CH-1-1-X').title, en('CH-1-1-X').title]).toEqual(['窜货：P0301', 'Cross-territory selling: P0301']);
    // The deal conflict is rebuilt from its registration: every line in one language.
    expect(byCode.get('R-0001')!.textCode).toBe('deal.channelConflict');
    expect(zh('R-0001')).toEqual({
      title: '渠道冲突：上海华信有限公司',
      description: 'P0302 南方商贸 报备的客户「上海华信有限公司」已由 P0301 华东贸易 报备（90 天内或仍在保护期）。\n报价 ¥400.00 低于产品线「smart-lock」的底价 ¥500.00。\n商机报备 #7，待经理裁定。',
    });
    expect(en('R-0001').title).toBe('Channel conflict: 上海华信有限公司');
    expect(en('R-0001').description).toContain('Deal registration #7 awaits the manager\'s decision.');
    expect(en('R-0001').description).not.toContain('商机报备');
    // A person's own words stay as written.
    expect(byCode.get('EV-0001-00002-2')!.textCode).toBeNull();
    expect(zh('EV-0001-00002-2').title).toBe('达成率低，已约谈');
  });
});
