import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { listReference, publishReference, pullReference } from '../../../electron/domain/hq/referenceData';
import { errorText } from '../../../shared/errorMessages';
import { pwb } from '../../helpers/cli';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace } from '../../helpers/workspace';

const PW = 'office-password-9';

const server = useHqServer({ password: PW, roles: ['office_south'] });

const TEMPLATE = {
  type: 'tiered_rebate',
  periodKind: 'quarter',
  basis: 'revenue',
  tiering: 'retroactive',
  tiers: [
    { from: 0, rate: 0.01 },
    { from: 100000, rate: 0.02 },
  ],
  eligibility: { statuses: ['active'] },
  description: '总部统一的季度阶梯返利',
};

describe('HQ reference data as the pages and the program editor use it', () => {
  it('pulled territories and courses carry their HQ version; program templates become local programs by copy, the template untouched', async () => {
    const w = fileWorkspace();
    try {
      await publishReference(server.admin, 'territory', [{ code: 'HQ-S', name: '华南大区（总部）', data: { nameEn: 'South (HQ)' } }]);
      await publishReference(server.admin, 'course', [{ code: 'HQ-C1', name: '总部产品认证', data: { titleEn: 'HQ product certification', category: 'product' } }]);
      await publishReference(server.admin, 'product', [{ code: 'SKU-S1', name: '空气净化器 S1', data: { unit: '台' } }]);
      await publishReference(server.admin, 'program_template', [{ code: 'TPL-REB', name: '季度阶梯返利（总部模板）', data: TEMPLATE }]);
      const office = new pg.Client({ connectionString: server.url('office_south') });
      await office.connect();
      try {
        await pullReference(w.ws, office);
      } finally {
        await office.end();
      }
      const api = createApi({ ws: w.ws, user: 'tester' });
      await api.send('territories.add', { nameZh: '本地片区', code: 'LOCAL-1' });

      // The grids learn which rows are HQ's, and their version, from the lists they already read.
      const territories = await api.send('territories.list', {});
      const hqTerritory = territories.find((t) => t.code === 'HQ-S')!;
      expect(hqTerritory.hqVersion).toBeGreaterThan(0);
      expect(territories.find((t) => t.code === 'LOCAL-1')!.hqVersion).toBeNull();
      const courses = await api.send('training.courses.list', {});
      expect(courses.find((c) => c.code === 'HQ-C1')!.hqVersion).toBeGreaterThan(0);
      const reference = await api.send('hq.reference.list', {});
      expect(reference.map((r) => `${r.kind}:${r.code}`).sort()).toEqual(['course:HQ-C1', 'product:SKU-S1', 'program_template:TPL-REB', 'territory:HQ-S']);
      expect(reference.every((r) => r.version > 0)).toBe(true);

      // Templates: listed with the draft a new program starts from (no code, valid for the workspace's current year).
      const [template] = await api.send('incentives.programs.templates', {});
      const { today } = await api.send('system.today', {});
      expect(template).toMatchObject({ code: 'TPL-REB', type: 'tiered_rebate', version: expect.any(Number) });
      expect(template.draft).toMatchObject({ ...TEMPLATE, code: '', name: '季度阶梯返利（总部模板）', validFrom: `${today.slice(0, 4)}-01-01`, validTo: `${today.slice(0, 4)}-12-31` });

      const created = await api.send('incentives.programs.fromTemplate', { template: 'TPL-REB', code: 'REB-SOUTH', name: '华南季度返利' });
      expect(created).toMatchObject({ code: 'REB-SOUTH', name: '华南季度返利', type: 'tiered_rebate' });
      expect(created.definition).toMatchObject({ tiers: TEMPLATE.tiers, basis: 'revenue', description: TEMPLATE.description });
      // The copy is the office's own program: it can be changed; the template stays as HQ sent it.
      const edited = await api.send('incentives.programs.save', { definition: { ...created.definition, tiers: [{ from: 0, rate: 0.015 }] } as never });
      expect(edited.definition).toMatchObject({ tiers: [{ from: 0, rate: 0.015 }] });
      expect(listReference(w.ws, 'program_template')[0].data).toEqual(TEMPLATE);
      // A code in use is refused rather than replaced; an unknown template says where templates come from.
      const taken = (await api.send('incentives.programs.fromTemplate', { template: 'TPL-REB', code: 'REB-SOUTH' }).catch((e: { body: unknown }) => e.body)) as { code: string; message: string; data: unknown };
      expect(taken).toMatchObject({ code: 'CONFLICT', data: { reason: 'programCodeTaken' } });
      expect((await api.send('incentives.programs.get', { code: 'REB-SOUTH' })).definition).toMatchObject({ tiers: [{ from: 0, rate: 0.015 }] });
      const unknown = (await api.send('incentives.programs.fromTemplate', { template: 'NOPE', code: 'X-1' }).catch((e: { body: unknown }) => e.body)) as { code: string; message: string; data: unknown };
      expect(unknown).toMatchObject({ code: 'NOT_FOUND', data: { reason: 'hq.templateNotFound' } });
      expect(errorText(unknown, 'zh-CN')).toContain('没有从总部获取到激励政策模板 NOPE');
      const audited = w.ws.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'incentives.programs.fromTemplate' AND outcome = 'ok'").get() as { after: string };
      expect(JSON.parse(audited.after)).toMatchObject({ code: 'REB-SOUTH', fromTemplate: { code: 'TPL-REB', version: template.version } });
      w.ws.close();

      // The same from the command line.
      const cli = pwb(['programs', 'from-template', 'TPL-REB', '--code', 'REB-CLI', '--valid-from', '2026-04-01', '--db', w.path, '--json']);
      expect(cli.code).toBe(0);
      expect(cli.json()).toMatchObject({ code: 'REB-CLI', validFrom: '2026-04-01', type: 'tiered_rebate' });
      const listed = pwb(['programs', 'templates', '--db', w.path]);
      expect(listed.stdout).toContain('TPL-REB');
      const refusedZh = pwb(['programs', 'from-template', 'NOPE', '--code', 'X-2', '--db', w.path, '--lang', 'zh']);
      expect(refusedZh.code).toBe(1);
      expect(refusedZh.stderr).toContain('没有从总部获取到激励政策模板 NOPE');
      const refusedEn = pwb(['programs', 'from-template', 'TPL-REB', '--code', 'REB-CLI', '--db', w.path, '--lang', 'en']);
      expect(refusedEn.stderr).toContain('The program code REB-CLI is taken already');
    } finally {
      w.cleanup();
    }
  }, 180_000);
});
