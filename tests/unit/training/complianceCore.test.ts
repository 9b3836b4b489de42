import { describe, expect, it } from 'vitest';
import { openMemoryWorkspace, type Workspace } from '../../../db/database';
import { isRequiredFor, trainingCompliance } from '../../../electron/domain/training/compliance';

function seed(ws: Workspace) {
  const s = ws.sqlite;
  const p = s.prepare('insert into partners (code, name, channel_type, tier, status, deleted_at) values (?, ?, ?, ?, ?, ?)');
  const a = Number(p.run('A', 'A', 'dealer', 'tier1', 'active', null).lastInsertRowid);
  const b = Number(p.run('B', 'B', 'ecommerce', 'tier3', 'active', null).lastInsertRowid);
  const gone = Number(p.run('X', 'X', 'dealer', 'tier1', 'active', '2025-01-01T00:00:00Z').lastInsertRowid);
  const c = s.prepare(
    'insert into training_courses (code, title_zh, title_en, category, validity_months, required_tiers, required_channel_types, active) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const all = Number(c.run('C1', 'c1', 'c1', 'compliance', 12, '["tier1","tier3"]', '[]', 1).lastInsertRowid);
  const dealerT1 = Number(c.run('C2', 'c2', 'c2', 'product', null, '["tier1"]', '["dealer"]', 1).lastInsertRowid);
  c.run('C3', 'c3', 'c3', 'sales', 12, '[]', '[]', 1); // optional
  c.run('C4', 'c4', 'c4', 'sales', 12, '["tier1"]', '[]', 0); // retired
  const r = s.prepare('insert into training_records (partner_id, course_id, trainee, completed_on, passed, expires_on) values (?, ?, ?, ?, ?, ?)');
  return { a, b, gone, all, dealerT1, r };
}

describe('trainingCompliance', () => {
  it('counts required, valid and expiring courses at a date', () => {
    const ws = openMemoryWorkspace();
    const { a, b, gone, all, dealerT1, r } = seed(ws);
    r.run(a, all, 'Li', '2024-06-30', 1, '2025-06-30');
    r.run(a, dealerT1, 'Li', '2024-01-10', 0, null); // failed: does not count
    r.run(b, all, 'Wang', '2024-01-15', 1, '2025-01-15');
    r.run(gone, all, 'Zhao', '2024-06-30', 1, '2025-06-30');

    const before = trainingCompliance(ws, '2024-06-29');
    expect(before.get(a)).toEqual({ required: 2, valid: 0, expiringIn90Days: 0, compliance: 0 });
    expect(before.has(gone)).toBe(false);

    const at = trainingCompliance(ws, '2025-06-30');
    expect(at.get(a)).toEqual({ required: 2, valid: 1, expiringIn90Days: 1, compliance: 0.5 });
    expect(at.get(b)).toEqual({ required: 1, valid: 0, expiringIn90Days: 0, compliance: 0 });

    const mid = trainingCompliance(ws, '2024-12-01');
    expect(mid.get(a)!.expiringIn90Days).toBe(0);
    expect(mid.get(b)).toEqual({ required: 1, valid: 1, expiringIn90Days: 1, compliance: 1 });

    expect(trainingCompliance(ws, '2025-07-01').get(a)!.valid).toBe(0);
    // A later renewal supersedes the expiring certificate.
    r.run(a, all, 'Chen', '2025-05-01', 1, '2026-05-01');
    expect(trainingCompliance(ws, '2025-06-30').get(a)).toMatchObject({ valid: 1, expiringIn90Days: 0 });
    // Restricting to ids, deleted ones ignored.
    const only = trainingCompliance(ws, '2025-06-30', [b, gone]);
    expect([...only.keys()]).toEqual([b]);
  });

  it('gives null compliance when nothing is required', () => {
    const ws = openMemoryWorkspace();
    ws.sqlite.prepare("insert into partners (code, name, channel_type, tier) values ('P', 'P', 'retail', 'tier2')").run();
    const m = trainingCompliance(ws, '2025-01-01');
    expect([...m.values()]).toEqual([{ required: 0, valid: 0, expiringIn90Days: 0, compliance: null }]);
  });

  it('requires a course when every non-empty list matches', () => {
    const p = { tier: 'strategic', channelType: 'dealer' };
    expect(isRequiredFor({ id: 1, requiredTiers: ['strategic'], requiredChannelTypes: [] }, p)).toBe(true);
    expect(isRequiredFor({ id: 1, requiredTiers: [], requiredChannelTypes: ['dealer'] }, p)).toBe(true);
    expect(isRequiredFor({ id: 1, requiredTiers: ['strategic'], requiredChannelTypes: ['alliance'] }, p)).toBe(false);
    expect(isRequiredFor({ id: 1, requiredTiers: [], requiredChannelTypes: [] }, p)).toBe(false);
  });
});
