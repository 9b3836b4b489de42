import type { Workspace } from '../../../db/database';
import type { InquiryStatus } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { InquiryRow } from '../../model/incentives';

const SELECT = `select q.id, q.line_id as lineId, l.run_id as runId, p.code as partnerCode, p.name as partnerName, q.question, q.answer, q.status,
  q.created_at as createdAt, q.updated_at as updatedAt
  from payout_inquiries q join payout_lines l on l.id = q.line_id join partners p on p.id = l.partner_id`;

export function listInquiries(ws: Workspace, filter: { runId?: number; lineId?: number; status?: InquiryStatus }): InquiryRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.runId != null) {
    where.push('l.run_id = ?');
    params.push(filter.runId);
  }
  if (filter.lineId != null) {
    where.push('q.line_id = ?');
    params.push(filter.lineId);
  }
  if (filter.status) {
    where.push('q.status = ?');
    params.push(filter.status);
  }
  return ws.sqlite.prepare(`${SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by q.id`).all(...params) as InquiryRow[];
}

export function getInquiry(ws: Workspace, id: number): InquiryRow {
  const r = ws.sqlite.prepare(`${SELECT} where q.id = ?`).get(id) as InquiryRow | undefined;
  if (!r) throw new DomainError(`No inquiry ${id}`, 'NOT_FOUND');
  return r;
}

/** A partner's question on a statement line. Inquiries do not change the run, so they are allowed in any run status. */
export function createInquiry(ws: Workspace, lineId: number, question: string): InquiryRow {
  if (!ws.sqlite.prepare('select 1 from payout_lines where id = ?').get(lineId)) throw new DomainError(`No payout line ${lineId}`, 'NOT_FOUND');
  const r = ws.sqlite.prepare('insert into payout_inquiries (line_id, question) values (?, ?)').run(lineId, question);
  return getInquiry(ws, Number(r.lastInsertRowid));
}

/** open → answered (the answer may be revised while not resolved); answered/open → resolved. */
export function updateInquiry(ws: Workspace, id: number, change: { answer?: string; status?: InquiryStatus }): { before: InquiryRow; after: InquiryRow } {
  const before = getInquiry(ws, id);
  if (before.status === 'resolved') throw new DomainError(`Inquiry ${id} is resolved`, 'CONFLICT');
  const answer = change.answer ?? before.answer;
  const status = change.status ?? (change.answer != null ? 'answered' : before.status);
  if (status === 'answered' && !answer) throw new DomainError('An answered inquiry needs an answer');
  ws.sqlite.prepare(`update payout_inquiries set answer = ?, status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(answer, status, id);
  return { before, after: getInquiry(ws, id) };
}
