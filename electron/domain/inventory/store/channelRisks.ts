import type { Workspace } from '../../../../db/database';
import type { channelManagers, partners, riskEvidence, risks } from '../../../../db/schema';
import { FLOOR_AT_LINE } from './measures';

/**
 * The SQL of the channel auto-risks (channelRisks.ts): which partners the rules can judge, their open channel risks,
 * each partner's code and manager, and the evidence links (`risk_evidence`) of a 窜货/乱价 risk. Row types from the
 * drizzle schema.
 */
type Risk = typeof risks.$inferSelect;
type Partner = typeof partners.$inferSelect;
type Manager = typeof channelManagers.$inferSelect;
type Evidence = typeof riskEvidence.$inferSelect;

/** An open evaluation risk of an `inventory:*` rule, newest first; text params still JSON text. */
export interface OpenChannelRiskRow {
  id: Risk['id'];
  p: number;
  rule: string;
  owner: Risk['owner'];
  textCode: Risk['textCode'];
  textParams: string | null;
}

/** A partner's code and the name of its channel manager (null when it has none). */
export interface PartnerManagerRow {
  code: Partner['code'];
  manager: Manager['name'] | null;
}

/** The tables of rows the stuffing signal reads: sell-in, sell-through and stock reports. */
export type StuffingInputTable = 'sales_lines' | 'sell_through_lines' | 'inventory_snapshots';

/** The rules whose findings are backed by sell-through lines. */
export type EvidenceRule = 'inventory:crossTerritory' | 'inventory:belowFloor';

/** One risk's evidence for one partner and period: `scope` the JSON list of the partner's own provinces. */
export interface EvidenceParams {
  risk: Evidence['riskId'];
  p: number;
  start: string;
  end: string;
  scope: string;
}

/** The sell-through lines that are the evidence of a finding, as a SELECT of line ids (named parameters p, start, end, scope). */
const EVIDENCE_SQL: Record<EvidenceRule, string> = {
  'inventory:crossTerritory': `select id from sell_through_lines where partner_id = @p and date between @start and @end and quantity > 0
     and customer_territory_id is not null and customer_territory_id not in (select value from json_each(@scope))`,
  'inventory:belowFloor': `select s.id from sell_through_lines s where s.partner_id = @p and s.date between @start and @end and s.quantity > 0
     and s.amount_minor is not null and s.amount_minor < ${FLOOR_AT_LINE} * s.quantity`,
};

/** Unlinks the lines no longer found, links the new ones; each returns how many rows it changed. */
export interface EvidenceLinks {
  unlink(params: EvidenceParams): number;
  link(params: EvidenceParams): number;
}

export const channelRiskStore = {
  /** Partners among `ids` that report sell-through or stock up to `end`: the only ones the channel rules can judge. */
  reportingPartners(ws: Workspace, ids: readonly number[], end: string): number[] {
    return ws.sqlite
      .prepare<[string, string, string], number>(
        `select value from json_each(?) j where exists (select 1 from sell_through_lines s where s.partner_id = j.value and s.date <= ?)
         or exists (select 1 from inventory_snapshots i where i.partner_id = j.value and i.date <= ?)`,
      )
      .pluck()
      .all(JSON.stringify(ids), end, end);
  },
  /** The open evaluation risks of an `inventory:*` rule of these partners, newest first. */
  openRisks(ws: Workspace, ids: readonly number[]): OpenChannelRiskRow[] {
    return ws.sqlite
      .prepare<[string], OpenChannelRiskRow>(
        `select id, partner_id as p, rule_code as rule, owner, text_code as textCode, text_params as textParams from risks
       where partner_id in (select value from json_each(?)) and source = 'evaluation' and rule_code like 'inventory:%' and status <> 'closed' order by id desc`,
      )
      .all(JSON.stringify(ids));
  },
  /**
   * The open 窜货/乱价 evaluation risks some of whose evidence lines a sell-through import added (read before its undo
   * deletes the lines and, by cascade, their links).
   */
  risksBackedByImport(ws: Workspace, importId: number): OpenChannelRiskRow[] {
    return ws.sqlite
      .prepare<[number], OpenChannelRiskRow>(
        `select id, partner_id as p, rule_code as rule, owner, text_code as textCode, text_params as textParams from risks r
          where source = 'evaluation' and rule_code in ('inventory:crossTerritory', 'inventory:belowFloor') and status <> 'closed'
            and exists (select 1 from risk_evidence e join sell_through_lines l on l.id = e.line_id where e.risk_id = r.id and l.import_id = ?)
          order by id`,
      )
      .all(importId);
  },
  /**
   * The open channel-stuffing evaluation risks of partners that have rows of this import (sales, sell-through or stock
   * rows: the stuffing signal reads all three), with the earliest date of those rows per partner; read before the undo
   * deletes them. Nothing is read from the import's rows when no stuffing risk is open.
   */
  stuffingRisksTouchedByImport(ws: Workspace, importId: number, table: StuffingInputTable): Array<OpenChannelRiskRow & { firstDate: string }> {
    const open = ws.sqlite
      .prepare<[], OpenChannelRiskRow>(
        `select id, partner_id as p, rule_code as rule, owner, text_code as textCode, text_params as textParams from risks
          where source = 'evaluation' and rule_code = 'inventory:stuffing' and status <> 'closed' and partner_id is not null order by id`,
      )
      .all();
    if (!open.length) return [];
    const first = new Map(
      ws.sqlite
        .prepare<[number, string], { p: number; d: string }>(
          `select partner_id as p, min(date) as d from ${table} where import_id = ? and partner_id in (select value from json_each(?)) group by partner_id`,
        )
        .all(importId, JSON.stringify([...new Set(open.map((r) => r.p))]))
        .map((r) => [r.p, r.d]),
    );
    return open.flatMap((r) => (first.has(r.p) ? [{ ...r, firstDate: first.get(r.p)! }] : []));
  },
  /** How many evidence lines a risk has linked. */
  evidenceCount(ws: Workspace, riskId: number): number {
    return ws.sqlite.prepare<[number], number>('select count(*) from risk_evidence where risk_id = ?').pluck().get(riskId)!;
  },
  /** A reader of a partner's code and channel manager by id (prepared once for a run). */
  partnerManager(ws: Workspace): (partnerId: number) => PartnerManagerRow | undefined {
    const stmt = ws.sqlite.prepare<[number], PartnerManagerRow>(
      'select p.code, cm.name as manager from partners p left join channel_managers cm on cm.id = p.channel_manager_id where p.id = ?',
    );
    return (partnerId) => stmt.get(partnerId);
  },
  /** The evidence links of each rule that has evidence (prepared once for a run). */
  evidenceLinks(ws: Workspace): Record<EvidenceRule, EvidenceLinks> {
    const links = (select: string): EvidenceLinks => {
      const unlink = ws.sqlite.prepare<[EvidenceParams]>(`delete from risk_evidence where risk_id = @risk and line_id not in (${select})`);
      const link = ws.sqlite.prepare<[EvidenceParams]>(`insert or ignore into risk_evidence (risk_id, line_id) select @risk, id from (${select})`);
      return { unlink: (params) => unlink.run(params).changes, link: (params) => link.run(params).changes };
    };
    return { 'inventory:crossTerritory': links(EVIDENCE_SQL['inventory:crossTerritory']), 'inventory:belowFloor': links(EVIDENCE_SQL['inventory:belowFloor']) };
  },
};
