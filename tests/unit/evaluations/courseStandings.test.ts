import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { courseStandingsOf } from '../../../electron/domain/evaluations/store';
import { courseStandings, type PassedRecordTuple } from '../../../electron/domain/training/compliance';
import { horizon } from '../../../electron/model/trainingExpiry';
import { addDays } from '../../../shared/period';
import { memoryApi } from '../../helpers/workspace';
import { partner } from './fixtures';

/**
 * The evaluation folds the partners' training records into one standing per (partner, course) in SQL (valid, lapsed,
 * valid beyond 90 days, three bits per date); it must give what training's rule gives over the same records in memory
 * (`courseStandings`, which tests/unit/training/complianceAndLapsed.test.ts holds to complianceFrom / holdingsAt).
 */
let ws: Workspace;
let close: () => void;
let ids: number[] = [];
const courseIds: number[] = [];

beforeEach(async () => {
  const m = memoryApi();
  ws = m.ws;
  close = () => m.ws.close();
  ids = [];
  for (let i = 0; i < 30; i++) ids.push(await partner(m.api, `T${i}`));
  courseIds.length = 0;
  for (let k = 0; k < 4; k++) {
    courseIds.push(
      Number(
        ws.sqlite
          .prepare("insert into training_courses (code, title_zh, title_en, category, required_tiers) values (?, '课程', 'Course', 'product', '[]')")
          .run(`C${k}`).lastInsertRowid,
      ),
    );
  }
});
afterEach(() => close());

function record(p: number, c: number, trainee: string, completedOn: string, expiresOn: string | null, passed = true): void {
  ws.sqlite
    .prepare('insert into training_records (partner_id, course_id, trainee, completed_on, passed, expires_on) values (?, ?, ?, ?, ?, ?)')
    .run(p, c, trainee, completedOn, passed ? 1 : 0, expiresOn);
}

describe('course standings folded in SQL', () => {
  it('equal the training rule over the passed records, at up to 17 dates, failed and later records left out', () => {
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const p of ids.slice(1)) {
      const n = Math.floor(rnd() * 7);
      for (let k = 0; k < n; k++) {
        const on = addDays('2018-01-01', Math.floor(rnd() * 800));
        const expires = rnd() < 0.2 ? null : addDays(on, 60 + Math.floor(rnd() * 500));
        record(p, courseIds[Math.floor(rnd() * 4)], `t${k}`, on, expires, rnd() > 0.1);
      }
    }
    // Edges at 2019-03-31: expiring on the day (valid), the day before (lapsed), exactly 90 days later (valid, expiring),
    // 91 days later (valid, not expiring), completed on the day, completed the day after (not held).
    const d = '2019-03-31';
    record(ids[1], courseIds[0], 'e1', '2018-01-01', d);
    record(ids[2], courseIds[0], 'e2', '2018-01-01', addDays(d, -1));
    record(ids[3], courseIds[0], 'e3', '2018-01-01', horizon(d, 90));
    record(ids[4], courseIds[0], 'e4', '2018-01-01', addDays(horizon(d, 90), 1));
    record(ids[5], courseIds[1], 'e5', d, null);
    record(ids[6], courseIds[1], 'e6', addDays(d, 1), null);

    const records = ws.sqlite
      .prepare('select partner_id, course_id, completed_on, expires_on from training_records where passed = 1 order by partner_id')
      .raw(true)
      .all() as PassedRecordTuple[];
    const byPair = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1];
    for (const dates of [[d], ['2018-06-30', d, '2019-12-31'], Array.from({ length: 17 }, (_, j) => addDays('2018-01-15', 45 * j))]) {
      const sql = courseStandingsOf(ws, JSON.stringify(ids), dates.map((asOf) => ({ asOf, soon: horizon(asOf, 90) })));
      const memory = courseStandings(records, dates).filter((t) => t[2] !== 0);
      expect([...sql].sort(byPair)).toEqual([...memory].sort(byPair));
      expect(sql.length).toBeGreaterThan(20);
    }
    const one = new Map(courseStandingsOf(ws, JSON.stringify(ids), [{ asOf: d, soon: horizon(d, 90) }]).filter((t) => t[1] === courseIds[0] || t[1] === courseIds[1]).map((t) => [`${t[0]}:${t[1]}`, t[2]]));
    expect(one.get(`${ids[1]}:${courseIds[0]}`)! & 1).toBe(1);
    expect(one.get(`${ids[2]}:${courseIds[0]}`)! & 3).toBe(2);
    expect(one.get(`${ids[3]}:${courseIds[0]}`)! & 5).toBe(1);
    expect(one.get(`${ids[4]}:${courseIds[0]}`)! & 5).toBe(5);
    expect(one.get(`${ids[5]}:${courseIds[1]}`)! & 1).toBe(1);
    // A partner not asked for is not read.
    expect(courseStandingsOf(ws, JSON.stringify(ids.slice(2)), [{ asOf: d, soon: horizon(d, 90) }]).some((t) => t[0] === ids[1])).toBe(false);
  });
});
