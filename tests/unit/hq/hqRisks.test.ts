import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { hqDashboard } from '../../../electron/domain/hq/hqReport';
import { publishToHq } from '../../../electron/domain/hq/publish';
import { createOpContext } from '../../../electron/domain/opContext';
import { riskText, storedRiskText, type RiskTextParams } from '../../../shared/riskTexts';
import { pwb } from '../../helpers/cli';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';

/**
 * Risks reach HQ with their words as text code + params (workspace migration 0023), not the zh-CN text: HQ's typed
 * view hq.open_risks() (HQ migration 0008) hands them to the dashboard, which the reader words in their language.
 */
const PW = 'office-password-risks';

const server = useHqServer({ password: PW, roles: ['office_east', 'office_north', { role: 'hq_analyst', reader: true }] });

describe('HQ risks as text code + params (real PostgreSQL)', () => {
  it('the dashboard carries code and params; the reader words them in zh-CN or en; office roles see only their own', async () => {
    const east = fileWorkspace();
    const north = fileWorkspace();
    try {
      const api = createApi({ ws: east.ws, user: 'tester' });
      const p = await api.send('partners.create', partnerInput('P0301'));
      // A risk the evaluation raised (stored as code + params, the zh-CN text only as fallback) and one a person wrote.
      const params: RiskTextParams = {
        partner: 'P0301',
        lines: [{ kind: 'raised', period: '2025-Q1', measure: { rule: 'revenue_drop', growth: -0.42, limit: -0.3, yoy: true } }],
      };
      const stored = storedRiskText('evaluation.revenue_drop', params);
      east.ws.sqlite
        .prepare(
          `INSERT INTO risks (code, title, description, category, partner_id, likelihood, impact, status, source, rule_code, text_code, text_params)
           VALUES ('R-0901', ?, ?, 'market', ?, 5, 4, 'open', 'evaluation', 'revenue_drop', 'evaluation.revenue_drop', ?)`,
        )
        .run(stored.title, stored.description, p.id, JSON.stringify(params));
      await api.send('risks.save', { fields: { code: 'R-0902', title: '渠道窜货（人工登记）', category: 'channel_conflict', partnerId: p.id, likelihood: 3, impact: 3, residualLikelihood: 2, residualImpact: 2 } });
      await api.send('risks.save', { fields: { code: 'R-0903', title: '已处理', category: 'credit', likelihood: 5, impact: 5, status: 'closed' } });
      await publishToHq(createOpContext({ operation: 'hq.publish', ws: east.ws, user: 'tester' }), { hq: { url: server.url('office_east') }, office: '华东大区' });
      const northApi = createApi({ ws: north.ws, user: 'tester' });
      await northApi.send('risks.save', { fields: { code: 'R-0001', title: '北区信用风险', category: 'credit', likelihood: 2, impact: 3 } });
      await publishToHq(createOpContext({ operation: 'hq.publish', ws: north.ws, user: 'tester' }), { hq: { url: server.url('office_north') }, office: '华北大区' });

      const reader = new pg.Client({ connectionString: server.url('hq_analyst') });
      await reader.connect();
      try {
        const d = await hqDashboard(reader, '2025-Q1');
        expect(d.topRisks.map((r) => [r.office, r.code, r.score, r.level])).toEqual([
          ['华东大区', 'R-0901', 20, 'critical'],
          ['华北大区', 'R-0001', 6, 'medium'],
          ['华东大区', 'R-0902', 4, 'low'],
        ]);
        const raised = d.topRisks[0];
        // Code and params as published (params parsed from the workspace's JSON text), the fallback beside them.
        expect(raised).toMatchObject({ partnerCode: 'P0301', textCode: 'evaluation.revenue_drop', textParams: params, title: stored.title, status: 'open' });
        expect(riskText(raised, 'en')).toEqual({ title: 'Revenue down sharply: P0301', description: expect.stringContaining('Raised by the evaluation of 2025-Q1') });
        expect(riskText(raised, 'zh-CN').title).toBe('收入大幅下降：P0301');
        expect(riskText(d.topRisks[2], 'en')).toEqual({ title: '渠道窜货（人工登记）', description: null });
        expect(d.topRisks[2]).toMatchObject({ textCode: null, textParams: null });
      } finally {
        await reader.end();
      }
      // An office role reads its own risks only (row-level security applies inside hq.open_risks()).
      const office = new pg.Client({ connectionString: server.url('office_north') });
      await office.connect();
      try {
        expect((await office.query('SELECT code FROM hq.open_risks() ORDER BY code')).rows).toEqual([{ code: 'R-0001' }]);
      } finally {
        await office.end();
      }

      // The CLI words them in --lang (text and JSON).
      const hqArgs = ['hq', 'dashboard', '--hq', server.cluster.urlFor('hq_analyst', '').replace(':@', '@'), '--period', '2025-Q1'];
      const run = (extra: string[]) => pwb([...hqArgs, ...extra], { PGPASSWORD: PW });
      const en = JSON.parse(run(['--json', '--lang', 'en']).stdout) as { topRisks: Array<{ code: string; title: string; textCode: string | null }> };
      expect(en.topRisks[0]).toMatchObject({ code: 'R-0901', title: 'Revenue down sharply: P0301', textCode: 'evaluation.revenue_drop' });
      expect(run(['--lang', 'zh']).stdout).toContain('R-0901\t极高\tP0301\t收入大幅下降：P0301');
      expect(run(['--lang', 'en']).stdout).toContain('R-0901\tCritical\tP0301\tRevenue down sharply: P0301');
    } finally {
      east.cleanup();
      north.cleanup();
    }
  }, 180_000);
});
