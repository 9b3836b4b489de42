import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-training-cli-');
afterAll(() => tmp.cleanup());

describe('pwb training', () => {
  it('prints compliance per partner and the expiring list as JSON; bad dates fail', async () => {
    const db = join(tmp.dir, 'ws.sqlite');
    const ws = openWorkspace(db);
    const api = createApi({ ws, user: 'tester' });
    const a = await api.send('partners.create', partnerInput('P1', { tier: 'tier1' }));
    await api.send('partners.create', partnerInput('P2', { tier: 'tier3' }));
    const { course } = await api.send('training.courses.save', {
      code: 'CMP-201', titleZh: '合规', titleEn: 'Compliance', category: 'compliance', validityMonths: 12,
      requiredTiers: ['tier1'], requiredChannelTypes: [], passingScore: 80,
    });
    await api.send('training.records.save', { partnerId: a.id, courseId: course.id, trainee: '张伟', completedOn: '2025-08-31', score: 90 });
    ws.close();

    const r = pwb(['training', 'compliance', '--db', db, '--as-of', '2026-06-30', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      asOf: '2026-06-30',
      rows: [
        { partnerCode: 'P1', required: 1, valid: 1, expiringIn90Days: 1, compliance: 1 },
        { partnerCode: 'P2', required: 0, valid: 0, expiringIn90Days: 0, compliance: null },
      ],
      population: { considered: 2, included: 1, excluded: { noRequirement: 1 }, reasons: [{ reason: 'noRequirement', params: {}, count: 1 }] },
    });
    const later = pwb(['training', 'compliance', '--db', db, '--as-of', '2026-09-01', '--json']);
    expect(later.json<{ rows: Array<{ valid: number }> }>().rows[0].valid).toBe(0);

    const out = join(tmp.dir, 'expiring.csv');
    const e = pwb(['training', 'expiring', '--db', db, '--as-of', '2026-06-30', '--days', '90', '--out', out, '--json']);
    expect(e.code).toBe(0);
    expect(e.json()).toEqual([
      expect.objectContaining({ partnerCode: 'P1', courseCode: 'CMP-201', trainee: '张伟', expiresOn: '2026-08-31', daysLeft: 62, required: true }),
    ]);
    expect(existsSync(out)).toBe(true);
    // Exports never write over a file without being asked (issue 13, defect 9).
    writeFileSync(out, 'keep me');
    const again = pwb(['training', 'expiring', '--db', db, '--as-of', '2026-06-30', '--days', '90', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(out);
    expect(again.stderr).toMatch(/already exists: choose another name, or replace it \(pwb: --overwrite\)|已存在：请换一个文件名，或选择替换（命令行：--overwrite）/); // in the CLI's language
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(pwb(['training', 'expiring', '--db', db, '--as-of', '2026-06-30', '--days', '90', '--out', out, '--overwrite']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('CMP-201');

    const bad = pwb(['training', 'compliance', '--db', db, '--as-of', '2026-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as-of is not a calendar date');
  });
});
