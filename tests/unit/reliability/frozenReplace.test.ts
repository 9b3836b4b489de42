import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { refusalOf } from '../../../electron/domain/integrity/frozenRecords';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/**
 * REPLACE deletes the conflicting row without firing delete triggers (unless recursive_triggers is on, which a
 * plain sqlite3 shell does not set): approved payout runs, their lines and stored scorecards must still be refused.
 */
describe('INSERT/UPDATE OR REPLACE cannot get past the frozen-record triggers (defect 8)', () => {
  it('refuses replacing lines and runs of an approved payout run and stored scorecards, from a plain connection', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 't' });
    await api.send('partners.create', partnerInput('P1'));
    const s = f.ws.sqlite;
    const partnerId = s.prepare("select id from partners where code = 'P1'").pluck().get() as number;
    const programId = Number(
      s.prepare("insert into incentive_programs (code, name, type, period_kind, valid_from, definition) values ('PG1', '返利', 'rebate', 'quarter', '2025-01-01', '{}')").run().lastInsertRowid,
    );
    const run = (version: number) =>
      Number(
        s
          .prepare("insert into payout_runs (program_id, period, version, status, currency, total_minor, program_snapshot, inputs_fingerprint, calculated_at) values (?, '2025-Q1', ?, 'draft', 'CNY', 100, '{}', 'fp', '2025-04-01')")
          .run(programId, version).lastInsertRowid,
      );
    const approved = run(1);
    const line = Number(s.prepare("insert into payout_lines (run_id, partner_id, amount_minor, explanation) values (?, ?, 100, 'x')").run(approved, partnerId).lastInsertRowid);
    s.prepare("update payout_runs set status = 'approved', approved_at = '2025-04-02', approved_by = 'boss' where id = ?").run(approved);
    const draft = run(2);
    const draftLine = Number(s.prepare("insert into payout_lines (run_id, partner_id, amount_minor, explanation) values (?, ?, 7, 'd')").run(draft, partnerId).lastInsertRowid);
    f.ws.close();

    const raw = new Database(f.path);
    cleanups.push(() => raw.close());
    expect(raw.pragma('recursive_triggers', { simple: true })).toBe(0);
    const refused = (sql: string, ...args: unknown[]) => {
      let err: unknown = null;
      try {
        raw.prepare(sql).run(...args);
      } catch (e) {
        err = e;
      }
      expect(refusalOf(err)?.code, `${sql}: ${String(err)}`).toBe('FORBIDDEN');
    };
    // the approved line replaced by one in the draft run (its delete would otherwise go unnoticed)
    refused("insert or replace into payout_lines (id, run_id, partner_id, amount_minor, explanation) values (?, ?, ?, 999999, 'forged')", line, draft, partnerId);
    refused("replace into payout_lines (id, run_id, partner_id, amount_minor, explanation) values (?, ?, ?, 999999, 'forged')", line, draft, partnerId);
    // a draft line renumbered onto the approved one
    refused('update or replace payout_lines set id = ? where id = ?', line, draftLine);
    // the approved run itself replaced, by id or by its (program, period, version) key
    refused("insert or replace into payout_runs (id, program_id, period, version, status, currency, total_minor, program_snapshot, inputs_fingerprint, calculated_at, approved_at, approved_by) values (?, ?, '2025-Q1', 1, 'approved', 'CNY', 999999, '{}', 'fp', '2025-04-01', '2025-04-02', 'boss')", approved, programId);
    refused("insert or replace into payout_runs (program_id, period, version, status, currency, total_minor, program_snapshot, inputs_fingerprint, calculated_at) values (?, '2025-Q1', 1, 'draft', 'CNY', 0, '{}', 'fp', '2025-04-01')", programId);
    refused("update or replace payout_runs set version = 1 where id = ?", draft);
    expect(raw.prepare('select amount_minor from payout_lines where id = ?').pluck().get(line)).toBe(100);
    expect(raw.prepare('select total_minor from payout_runs where id = ?').pluck().get(approved)).toBe(100);
    // drafts stay editable
    raw.prepare("insert or replace into payout_lines (id, run_id, partner_id, amount_minor, explanation) values (?, ?, ?, 8, 'd2')").run(draftLine, draft, partnerId);
    raw.close();

    // the app's own connections fire delete triggers on REPLACE as well
    const ws = openWorkspace(f.path);
    expect(ws.sqlite.pragma('recursive_triggers', { simple: true })).toBe(1);
    ws.close();
  });
});
