import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryWorkspace, openWorkspace, type Workspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { scorecardStore } from '../../../electron/domain/evaluations/store';
import { planSourceStore } from '../../../electron/domain/plans/store';
import { reviewStore } from '../../../electron/domain/reviews/store';
import { errorText } from '../../../shared/errorMessages';
import { migrationsBefore } from '../../helpers/migrations';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, snapshot, writeFile } from '../imports/importFixtures';
import { partner, sale, target } from './fixtures';

/**
 * Scorecards have no foreign key to partners since migration 0031 (issue 20): the key's child lookups needed an index led
 * by partner_id, which every run's COMMIT rewrote across the whole stored history. What the key guarded — an import's
 * undo deleting a partner that was evaluated — is checked by undo itself, refused in the same words; the reads of a
 * partner's scorecards go run by run through (run, partner); and a workspace with stored runs keeps its scorecards,
 * triggers and HQ change log through the table's rebuild.
 */
const tmp = tempDir('pwb-scorecards-partner-key-');
afterAll(() => tmp.cleanup());

const schemaOf = (ws: Workspace) =>
  ws.sqlite
    .prepare<[], { type: string; name: string; sql: string }>("select type, name, sql from sqlite_master where tbl_name = 'scorecards' order by type, name")
    .all()
    // The rebuilt table is named "scorecards" by the rename (SQLite quotes it), `scorecards` when created at once.
    .map((r) => ({ ...r, sql: r.sql?.replace(/^CREATE TABLE "scorecards"/, 'CREATE TABLE `scorecards`') }));

describe('scorecards without a foreign key to partners', () => {
  it('an upgraded workspace keeps its scorecards, their triggers and the change log, and ends as a new one is', async () => {
    const path = join(tmp.dir, 'old.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_scorecards_without_partner_fk') });
    const oldApi = createApi({ ws: old, user: 'tester' });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await partner(oldApi, `K${i}`));
    for (const [i, id] of ids.entries()) {
      target(old, id, '2025-Q1', 1_000_000);
      target(old, id, '2025-Q2', 1_000_000);
      sale(old, id, '2025-02-10', 300_000 * (i + 1), { order: `A${i}`, customer: `C${i}` });
      sale(old, id, '2025-05-10', 250_000 * (i + 1), { order: `B${i}`, customer: `C${i}` });
    }
    await oldApi.send('evaluations.run', { period: '2025-Q1' });
    await oldApi.send('evaluations.run', { period: '2025-Q2' });
    await oldApi.send('evaluations.run', { period: '2025-Q2' });
    const rows = old.sqlite.prepare('select * from scorecards order by id').raw().all();
    const columns = old.sqlite.prepare('select * from scorecards').columns().map((c) => c.name);
    const triggers = schemaOf(old).filter((r) => r.type === 'trigger');
    expect(triggers.map((t) => t.name)).toEqual(expect.arrayContaining(['scorecards_immutable_update', 'scorecards_immutable_delete', 'scorecards_immutable_replace_insert']));
    expect(triggers.filter((t) => t.name.startsWith('cl_'))).toHaveLength(3);
    const logged = old.sqlite.prepare<[], number>('select count(*) from change_log').pluck().get()!;
    expect(rows.length).toBe(18);
    old.close();

    const ws = openWorkspace(path);
    const fresh = openMemoryWorkspace();
    try {
      expect(ws.sqlite.prepare('select * from scorecards').columns().map((c) => c.name)).toEqual(columns);
      expect(ws.sqlite.prepare('select * from scorecards order by id').raw().all()).toEqual(rows);
      expect(ws.sqlite.pragma('foreign_key_list(scorecards)')).toEqual([expect.objectContaining({ table: 'evaluation_runs', from: 'run_id' })]);
      expect(ws.sqlite.pragma('foreign_key_list(tier_decisions)')).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'scorecards', from: 'scorecard_id' })]));
      expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // The same triggers as before, the same table and indexes as a new workspace's (no partner index).
      expect(schemaOf(ws).filter((r) => r.type === 'trigger')).toEqual(triggers);
      expect(schemaOf(ws)).toEqual(schemaOf(fresh));
      expect(schemaOf(ws).filter((r) => r.type === 'index').map((r) => r.name)).toEqual(['scorecards_run_partner_uq']);
      // Nothing logged again for HQ by the rebuild (its change-log triggers were found in place on open).
      expect(ws.sqlite.prepare<[], number>('select count(*) from change_log').pluck().get()).toBe(logged);
      // Stored scorecards still refuse changes; a new run continues the ids and is logged.
      expect(() => ws.sqlite.prepare('update scorecards set grade = ? where id = 1').run('A')).toThrow(/cannot be changed/);
      expect(() => ws.sqlite.prepare('delete from scorecards where id = 1').run()).toThrow(/cannot be deleted/);
      const api = createApi({ ws, user: 'tester' });
      const run = await api.send('evaluations.run', { period: '2025-Q2' });
      const added = ws.sqlite.prepare<[number], { id: number }>('select id from scorecards where run_id = ? order by id').all(run.runId);
      expect(added.map((r) => r.id)).toEqual(Array.from({ length: 6 }, (_, i) => 19 + i));
      expect(ws.sqlite.prepare<[], number>("select count(*) from change_log where tbl = 'scorecards'").pluck().get()).toBeGreaterThanOrEqual(
        rows.length + 6,
      );
    } finally {
      ws.close();
      fresh.close();
    }
  });

  it('a file with statistics gets them for the rebuilt table after migrating; one without stays without', async () => {
    for (const analyzed of [true, false]) {
      const path = join(tmp.dir, `stats-${analyzed}.sqlite`);
      const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_scorecards_without_partner_fk') });
      const oldApi = createApi({ ws: old, user: 'tester' });
      for (let i = 0; i < 3; i++) sale(old, await partner(oldApi, `S${i}`), '2025-02-10', 100_000);
      await oldApi.send('evaluations.run', { period: '2025-Q1' });
      if (analyzed) old.sqlite.exec('analyze');
      const statsOf = (ws: Workspace) =>
        ws.sqlite.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get()
          ? ws.sqlite.prepare<[], string>("select idx from sqlite_stat1 where tbl = 'scorecards' order by idx").pluck().all()
          : null;
      expect(statsOf(old)).toEqual(analyzed ? ['scorecards_partner_idx', 'scorecards_run_partner_uq'] : null);
      old.close();
      const ws = openWorkspace(path);
      try {
        // Dropped with the old table, analyzed again after the migration (PRAGMA optimize), in the analyzed file only.
        expect(statsOf(ws)).toEqual(analyzed ? ['scorecards_run_partner_uq'] : null);
      } finally {
        ws.close();
      }
    }
  });

  it("import undo refuses to delete an evaluated partner, in both languages, as the foreign key's refusal read", async () => {
    const { ws, api } = memoryApi();
    try {
      const h = 'code,name,channelType,joinedOn\r\n';
      // Imported, evaluated with no sales, target or anything else that refers to it: only the scorecard holds it.
      const kept = await api.send('imports.run', { kind: 'partners', path: writeFile(tmp.dir, 'kept.csv', `${h}N1,新伙伴,dealer,2024-01-01\r\n`) });
      const run = await api.send('evaluations.run', { period: '2025-Q1' });
      const n1 = ws.sqlite.prepare<[], number>("select id from partners where code = 'N1'").pluck().get()!;
      expect(ws.sqlite.prepare('select count(*) from scorecards where run_id = ? and partner_id = ?').pluck().get(run.runId, n1)).toBe(1);
      const before = snapshot(ws);
      const e = await failure(api.send('imports.undo', { id: kept.importId }));
      expect(e.body.code).toBe('CONFLICT');
      expect(e.body.data).toMatchObject({ reason: 'importUndoInUse', params: { entity: 'partner', key: 'N1', importId: kept.importId } });
      expect(errorText(e.body, 'zh-CN')).toBe(`合作伙伴 N1 已被导入 ${kept.importId} 之后添加的数据使用（销售、目标、培训、风险等）：请先删除那些数据`);
      expect(errorText(e.body, 'en')).toBe(`The partner N1 is used by data added after import ${kept.importId} (sales, targets, training, risks…); remove that first`);
      expect(snapshot(ws)).toEqual(before);
      // A partner imported after that run was not evaluated: its import is undone.
      const later = await api.send('imports.run', { kind: 'partners', path: writeFile(tmp.dir, 'later.csv', `${h}N2,后来的伙伴,dealer,2024-01-01\r\n`) });
      expect(await api.send('imports.undo', { id: later.importId })).toMatchObject({ removed: 1 });
      expect(ws.sqlite.prepare("select count(*) from partners where code = 'N2'").pluck().get()).toBe(0);
    } finally {
      ws.close();
    }
  });

  it("reads a partner's scorecards run by run through (run, partner), with or without statistics", async () => {
    const { ws, api } = memoryApi();
    try {
      const id = await partner(api, 'K1');
      await partner(api, 'K2');
      sale(ws, id, '2025-02-10', 100_000);
      await api.send('evaluations.run', { period: '2025-Q1' });
      await api.send('evaluations.run', { period: '2025-Q1' });
      for (const analyzed of [false, true]) {
        if (analyzed) ws.sqlite.exec('analyze');
        const plans: string[] = [];
        const prepare = ws.sqlite.prepare.bind(ws.sqlite);
        // Every statement that names scorecards, as the reads prepare it, through EXPLAIN QUERY PLAN.
        (ws.sqlite as { prepare: typeof ws.sqlite.prepare }).prepare = ((sql: string) => {
          if (/scorecards/.test(sql)) plans.push((prepare(`explain query plan ${sql}`).all(...planParams(sql)) as Array<{ detail: string }>).map((r) => r.detail).join(' | '));
          return prepare(sql);
        }) as typeof ws.sqlite.prepare;
        try {
          expect(scorecardStore.partnerEvaluated(ws, id)).toBe(true);
          expect(scorecardStore.trendKinds(ws, id)).toEqual(['quarter']);
          expect(scorecardStore.trend(ws, id, 'quarter')).toHaveLength(1);
          expect(reviewStore.score(ws, id, '2025-Q1')).toMatchObject({ period: '2025-Q1' });
          expect(planSourceStore.scopePartners(ws, { statuses: ['active'] }).map((p) => p.grade)).toHaveLength(2);
        } finally {
          (ws.sqlite as { prepare: typeof ws.sqlite.prepare }).prepare = prepare;
        }
        expect(plans.length).toBeGreaterThanOrEqual(5);
        for (const p of plans) {
          expect(p, p).not.toMatch(/SCAN (s|s2|scorecards)\b/);
          expect(p, p).toMatch(/SEARCH (s|scorecards) USING (COVERING )?INDEX scorecards_run_partner_uq \(run_id=\? AND partner_id=\?\)/);
        }
      }
    } finally {
      ws.close();
    }
  });
});

/** Placeholder values for a statement's parameters (EXPLAIN needs them bound; their values do not change the plan). */
function planParams(sql: string): unknown[] {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))];
  if (named.length) return [Object.fromEntries(named.map((n) => [n, /ids|statuses|Ids|s$/.test(n) ? '[1]' : 1]))];
  return Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
}
