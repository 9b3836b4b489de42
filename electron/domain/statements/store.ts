import type { Workspace } from '../../../db/database';
import type { partners, statements } from '../../../db/schema';

/**
 * The statements area's store: statement numbers (the statements table is their counter) and the payee facts a
 * statement prints. Numbering rules stay in statementData.ts.
 */
type StatementRow = typeof statements.$inferSelect;
type PartnerRow = typeof partners.$inferSelect;
export type IssuedStatement = Pick<StatementRow, 'number' | 'generatedAt'>;

export const statementStore = {
  /** The highest sequence number among the statement numbers that start with `prefix` (ST-2026-). */
  highestNumber(ws: Workspace, prefix: string): number | null {
    return ws.sqlite
      .prepare<[number, string], { n: number | null }>(`select max(cast(substr(number, ?) as integer)) as n from statements where number like ?`)
      .get(prefix.length + 1, `${prefix}%`)!.n;
  },
  /** Statements of a run: the one issued to a partner, and issuing a new one (statements prepared once for a whole run). */
  issuer(ws: Workspace) {
    const existing = ws.sqlite.prepare<[number, number], IssuedStatement>('select number, generated_at as generatedAt from statements where run_id = ? and partner_id = ?');
    const insert = ws.sqlite.prepare<[string, number, number, number, string]>('insert into statements (number, run_id, partner_id, total_minor, generated_at) values (?, ?, ?, ?, ?)');
    return {
      issued: (runId: number, partnerId: number): IssuedStatement | undefined => existing.get(runId, partnerId),
      issue: (s: Pick<StatementRow, 'number' | 'runId' | 'partnerId' | 'totalMinor' | 'generatedAt'>) => void insert.run(s.number, s.runId, s.partnerId, s.totalMinor, s.generatedAt),
    };
  },
  /** Credit code and address of partners, as the statement's payee block prints them. */
  payeeFacts(ws: Workspace) {
    const stmt = ws.sqlite.prepare<[number], Pick<PartnerRow, 'creditCode' | 'address'>>('select credit_code as creditCode, address from partners where id = ?');
    return (partnerId: number) => stmt.get(partnerId);
  },
};
