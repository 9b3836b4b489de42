import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import type { StoredImage } from '../../../db/schema/common';
import { channelManagers, partners, riskActions, riskHistory, risks, type NewRiskRow, type RiskActionRow } from '../../../db/schema';

/**
 * The risk register's store: its SQL, typed from the drizzle schema. The register's hot path (an evaluation raising,
 * updating and closing thousands of auto-risks) keeps its statements prepared once per connection. The rules
 * (validation, codes, history, levels, "Mine") stay in the area's other files.
 */
const ph = (name: string) => sql.placeholder(name);

/** Every column the register writes (not id, not created_at) as a named placeholder: one statement serves any patch. */
const CHANGEABLE = Object.fromEntries(
  (['code', 'title', 'description', 'category', 'partnerId', 'likelihood', 'impact', 'residualLikelihood', 'residualImpact', 'owner', 'treatment', 'status', 'nextReviewOn', 'source', 'ruleCode', 'textCode', 'textParams', 'reviewRequested', 'closedAt', 'updatedAt'] as const).map((c) => [c, ph(c)]),
);

/**
 * The register's statements, prepared once per connection (drizzle and better-sqlite3 re-prepare a query built per call:
 * most of an update's cost when an evaluation touches thousands of auto-risks). Keyed by the sqlite handle, so they go
 * away with the workspace.
 */
function prepareStatements(ws: Workspace) {
  return {
    byId: ws.db.select().from(risks).where(eq(risks.id, ph('id'))).prepare(),
    idByCode: ws.sqlite.prepare<[string], number>('select id from risks where code = ?').pluck(),
    partnerExists: ws.sqlite.prepare<[number], number>('select 1 from partners where id = ?').pluck(),
    update: ws.db
      .update(risks)
      .set(CHANGEABLE as unknown as Partial<NewRiskRow>)
      .where(eq(risks.id, ph('id')))
      .returning()
      .prepare(),
    insert: ws.db
      .insert(risks)
      .values({ ...CHANGEABLE, createdAt: ph('createdAt') } as unknown as NewRiskRow)
      .returning()
      .prepare(),
    history: ws.db
      .insert(riskHistory)
      .values({ riskId: ph('riskId'), changedAt: ph('changedAt'), changedBy: ph('changedBy'), changes: ph('changes'), snapshot: ph('snapshot') } as unknown as typeof riskHistory.$inferInsert)
      .prepare(),
  };
}

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepareStatements>>();

/** The register's prepared statements on this connection. */
export function riskStatements(ws: Workspace): ReturnType<typeof prepareStatements> {
  let s = statementCache.get(ws.sqlite);
  if (!s) statementCache.set(ws.sqlite, (s = prepareStatements(ws)));
  return s;
}

type ActionValues = Pick<RiskActionRow, 'description' | 'owner' | 'dueOn' | 'doneOn'>;

export const riskStore = {
  /** The highest number of a generated code (R-0001 …) in use; codes typed by people (R-A7) are not counted. */
  highestGeneratedCodeNumber(ws: Workspace): number | null {
    return ws.sqlite
      .prepare<[], { n: number | null }>("select max(cast(substr(code, 3) as integer)) as n from risks where code glob 'R-[0-9]*' and substr(code, 3) not glob '*[^0-9]*'")
      .get()!.n;
  },
  count(ws: Workspace): number {
    return (ws.db.select({ n: sql<number>`count(*)` }).from(risks).get()?.n ?? 0) as number;
  },
  allByCode(ws: Workspace) {
    return ws.db.select().from(risks).orderBy(asc(risks.code)).all();
  },
  byIds(ws: Workspace, ids: number[]) {
    return ws.db.select().from(risks).where(inArray(risks.id, ids)).all();
  },
  allHistory(ws: Workspace) {
    return ws.db.select().from(riskHistory).all();
  },
  historyOf(ws: Workspace, riskId: number) {
    return ws.db.select().from(riskHistory).where(eq(riskHistory.riskId, riskId)).all();
  },
  allActions(ws: Workspace) {
    return ws.db.select().from(riskActions).all();
  },
  actionsOf(ws: Workspace, riskId: number) {
    return ws.db.select().from(riskActions).where(eq(riskActions.riskId, riskId)).orderBy(asc(riskActions.id)).all();
  },
  updateAction(ws: Workspace, riskId: number, actionId: number, values: ActionValues, at: string): void {
    ws.db.update(riskActions).set({ ...values, updatedAt: at }).where(and(eq(riskActions.id, actionId), eq(riskActions.riskId, riskId))).run();
  },
  insertAction(ws: Workspace, riskId: number, values: ActionValues, at: string): RiskActionRow {
    return ws.db.insert(riskActions).values({ riskId, ...values, createdAt: at, updatedAt: at }).returning().get();
  },
  deleteAction(ws: Workspace, actionId: number): void {
    ws.db.delete(riskActions).where(eq(riskActions.id, actionId)).run();
  },
  /** Code, name and channel manager of every partner (risks show the partner and "Mine" follows its manager). */
  partnerLookup(ws: Workspace) {
    return ws.db.select({ id: partners.id, code: partners.code, name: partners.name, nameEn: partners.nameEn, channelManagerId: partners.channelManagerId }).from(partners).all();
  },
  partnerName(ws: Workspace, partnerId: number) {
    return ws.db.select({ code: partners.code, name: partners.name, nameEn: partners.nameEn }).from(partners).where(eq(partners.id, partnerId)).get();
  },
  channelManagersByIds(ws: Workspace, ids: number[]) {
    return ws.db.select().from(channelManagers).where(inArray(channelManagers.id, ids)).all();
  },
  /** Risks not closed whose next review day is before `asOf`, with their partner's code and manager. */
  reviewsDueBefore(ws: Workspace, asOf: string) {
    return ws.db
      .select({ r: risks, partnerCode: partners.code, managerId: partners.channelManagerId })
      .from(risks)
      .leftJoin(partners, eq(partners.id, risks.partnerId))
      .where(and(ne(risks.status, 'closed'), lt(risks.nextReviewOn, asOf)))
      .all();
  },
  /** Actions not done, due before `asOf`, on risks not closed, with their risk and its partner's manager. */
  actionsDueBefore(ws: Workspace, asOf: string) {
    return ws.db
      .select({ a: riskActions, code: risks.code, title: risks.title, riskOwner: risks.owner, managerId: partners.channelManagerId })
      .from(riskActions)
      .innerJoin(risks, eq(risks.id, riskActions.riskId))
      .leftJoin(partners, eq(partners.id, risks.partnerId))
      .where(and(ne(risks.status, 'closed'), isNull(riskActions.doneOn), lt(riskActions.dueOn, asOf)))
      .all();
  },
  /** Partners with a completed evaluation run for a later period of the same kind. */
  partnersEvaluatedAfter(ws: Workspace, periodKind: string, period: string): number[] {
    return ws.sqlite
      .prepare<[string, string], number>(
        // Driven by the later runs (usually none): their scorecards by run id. Joined the other way SQLite walked every
        // scorecard of every run (partner index, for the distinct) and looked its run up — growing with the history.
        `select distinct s.partner_id from scorecards s
         where s.run_id in (select r.id from evaluation_runs r where r.status = 'completed' and r.period_kind = ? and r.period > ?)`,
      )
      .pluck()
      .all(periodKind, period);
  },
};

/** A risk as `select *` returns it (the image an import records and undo writes back). */
export type RiskImage = StoredImage<typeof risks>;

/** The risk-list import's lookups (a hot path: one per row), prepared once per import; its writes go through the register. */
export function riskImportStatements(ws: Workspace) {
  const { sqlite } = ws;
  return {
    idByCode: sqlite.prepare<[code: string], number>('select id from risks where code = ?').pluck(),
    /** The oldest risk with this title on this partner (or on none when partnerId is null). */
    idByTitle: sqlite.prepare<[title: string, partnerId: number | null], number>('select id from risks where title = ? and partner_id is ? order by id limit 1').pluck(),
    image: sqlite.prepare<[id: number], RiskImage>('select * from risks where id = ?'),
  };
}
