import { afterEach, describe, expect, it } from 'vitest';
import { handlers } from '../../../electron/api/handlers';
import { ApiError, DomainError } from '../../../shared/errors';
import { refusalOf } from '../../../electron/domain/integrity/frozenRecords';
import { auditRowsSince, lastAuditId } from '../../helpers/audit';
import { memoryApi, partnerInput } from '../../helpers/workspace';

type Sqlite = ReturnType<typeof memoryApi>['ws']['sqlite'];

function seedRun(sqlite: Sqlite, status: 'draft' | 'approved' | 'paid' | 'void') {
  const partnerId = (sqlite.prepare("select id from partners where code = 'P1'").get() as { id: number }).id;
  const programId = Number(
    sqlite
      .prepare("insert into incentive_programs (code, name, type, period_kind, valid_from, definition) values (?, '返利', 'rebate', 'quarter', '2025-01-01', '{}')")
      .run(`PG${Math.random().toString(36).slice(2, 8)}`).lastInsertRowid,
  );
  const runId = Number(
    sqlite
      .prepare("insert into payout_runs (program_id, period, status, currency, total_minor, program_snapshot, inputs_fingerprint, calculated_at) values (?, '2025-Q1', 'draft', 'CNY', 100, '{}', 'fp', '2025-04-01')")
      .run(programId).lastInsertRowid,
  );
  const lineId = Number(
    sqlite.prepare("insert into payout_lines (run_id, partner_id, amount_minor, explanation) values (?, ?, 100, 'x')").run(runId, partnerId).lastInsertRowid,
  );
  if (status !== 'draft') sqlite.prepare("update payout_runs set status = 'approved', approved_at = '2025-04-02', approved_by = 'boss' where id = ?").run(runId);
  if (status === 'paid') sqlite.prepare("update payout_runs set status = 'paid', paid_at = '2025-04-03', payment_ref = 'TX1' where id = ?").run(runId);
  if (status === 'void') sqlite.prepare("update payout_runs set status = 'void', voided_at = '2025-04-03', void_reason = 'wrong' where id = ?").run(runId);
  return { runId, lineId, partnerId };
}

const refusedSql = (sqlite: Sqlite, sql: string, ...args: unknown[]) => {
  let err: unknown = null;
  try {
    sqlite.prepare(sql).run(...args);
  } catch (e) {
    err = e;
  }
  expect(err, sql).not.toBeNull();
  expect(refusalOf(err)?.code, String(err)).toBe('FORBIDDEN');
};

const saved = { ...handlers };
afterEach(() => Object.assign(handlers, saved));

describe('integrity triggers: approved payout runs cannot be changed by any path', () => {
  it('refuses direct SQL changes to lines and frozen columns of non-draft runs, allows draft edits and approved -> paid/void', async () => {
    const { ws, api } = memoryApi();
    await api.send('partners.create', partnerInput('P1'));
    const s = ws.sqlite;

    const draft = seedRun(s, 'draft');
    s.prepare('update payout_lines set amount_minor = 5 where id = ?').run(draft.lineId);
    s.prepare('update payout_runs set total_minor = 5 where id = ?').run(draft.runId);

    for (const status of ['approved', 'paid', 'void'] as const) {
      const r = seedRun(s, status);
      refusedSql(s, 'update payout_lines set amount_minor = amount_minor + 1 where id = ?', r.lineId);
      refusedSql(s, 'delete from payout_lines where id = ?', r.lineId);
      refusedSql(s, "insert into payout_lines (run_id, partner_id, amount_minor, explanation, kind) values (?, ?, -5, 'late', 'adjustment')", r.runId, r.partnerId);
      refusedSql(s, 'update payout_lines set run_id = ? where id = ?', r.runId, draft.lineId); // moving a line into a frozen run
      refusedSql(s, 'update payout_runs set total_minor = total_minor + 1 where id = ?', r.runId);
      refusedSql(s, "update payout_runs set program_snapshot = '{\"x\":1}' where id = ?", r.runId);
      refusedSql(s, "update payout_runs set approved_by = 'someone else' where id = ?", r.runId);
      refusedSql(s, "update payout_runs set status = 'draft' where id = ?", r.runId);
      refusedSql(s, 'delete from payout_runs where id = ?', r.runId);
    }
    const paid = seedRun(s, 'paid');
    refusedSql(s, "update payout_runs set payment_ref = 'TX2' where id = ?", paid.runId);
    refusedSql(s, "update payout_runs set status = 'void' where id = ?", paid.runId);
    const voided = seedRun(s, 'void');
    refusedSql(s, "update payout_runs set void_reason = 'other' where id = ?", voided.runId);
    // the allowed transitions
    const a1 = seedRun(s, 'approved');
    s.prepare("update payout_runs set status = 'paid', paid_at = '2025-05-01', payment_ref = 'OK' where id = ?").run(a1.runId);
    const a2 = seedRun(s, 'approved');
    s.prepare("update payout_runs set status = 'void', voided_at = '2025-05-01', void_reason = 'dup' where id = ?").run(a2.runId);
  });

  it('refuses changes to stored evaluation runs and their scorecards', async () => {
    const { ws, api } = memoryApi();
    await api.send('partners.create', partnerInput('P1'));
    const s = ws.sqlite;
    const runId = Number(
      s.prepare("insert into evaluation_runs (period, period_kind, version, status, trigger, started_at) values ('2025-Q1', 'quarter', 1, 'running', 'manual', '2025-04-01')").run().lastInsertRowid,
    );
    s.prepare("insert into scorecards (run_id, partner_id, tier, revenue_minor, orders, active_customers, new_customers, health_score, grade) values (?, 1, 'tier2', 100, 1, 1, 0, 70, 'B')").run(runId);
    s.prepare("update evaluation_runs set status = 'completed', finished_at = '2025-04-01' where id = ?").run(runId);
    refusedSql(s, "update evaluation_runs set partner_count = 99 where id = ?", runId);
    refusedSql(s, 'delete from evaluation_runs where id = ?', runId);
    refusedSql(s, 'update scorecards set health_score = 99 where run_id = ?', runId);
    refusedSql(s, 'delete from scorecards where run_id = ?', runId);
  });

  it('a mutation or a job hitting a trigger is refused as FORBIDDEN, rolled back and audited as refused', async () => {
    const { ws, api } = memoryApi();
    await api.send('partners.create', partnerInput('P1'));
    const r = seedRun(ws.sqlite, 'approved');
    const auditBefore = lastAuditId(ws);
    // a buggy handler that writes a partner and then tampers with an approved run: all of it must roll back
    (handlers as Record<string, unknown>)['system.settings.set'] = () => {
      ws.sqlite.prepare("update partners set name = 'tampered' where code = 'P1'").run();
      ws.sqlite.prepare('update payout_lines set amount_minor = 999999 where id = ?').run(r.lineId);
      return { key: 'user.name', value: 'x' };
    };
    const err = await api.send('system.settings.set', { key: 'user.name', value: 'x' }).catch((e: unknown) => e);
    expect(ApiError.is(err) && err.body.code).toBe('FORBIDDEN');
    expect((ws.sqlite.prepare("select name from partners where code = 'P1'").get() as { name: string }).name).not.toBe('tampered');
    expect((ws.sqlite.prepare('select amount_minor as a from payout_lines where id = ?').get(r.lineId) as { a: number }).a).toBe(100);
    const rows = auditRowsSince(ws, auditBefore);
    expect(rows.map((x) => [x.operation, x.outcome])).toEqual([['system.settings.set', 'refused']]);

    // the job path (imports, payouts calculation) behaves the same
    (handlers as Record<string, unknown>)['backups.create'] = () => {
      ws.sqlite.transaction(() => ws.sqlite.prepare('delete from payout_lines where id = ?').run(r.lineId))();
    };
    const jobErr = await api.send('backups.create', {}).catch((e: unknown) => e);
    expect(ApiError.is(jobErr) && jobErr.body.code).toBe('FORBIDDEN');
    expect(auditRowsSince(ws, auditBefore).map((x) => [x.operation, x.outcome])).toEqual([
      ['system.settings.set', 'refused'],
      ['backups.create', 'refused'],
    ]);
  });

  it('maps only trigger aborts and FORBIDDEN domain errors to refusals', () => {
    expect(refusalOf(new DomainError('no', 'FORBIDDEN'))?.message).toBe('no');
    expect(refusalOf(new DomainError('no', 'CONFLICT'))).toBeNull();
    expect(refusalOf(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull();
    expect(refusalOf(Object.assign(new Error('FROZEN: x'), { code: 'SQLITE_CONSTRAINT_TRIGGER' }))?.message).toBe('x');
  });
});
