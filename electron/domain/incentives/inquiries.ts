import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import type { InquiryStatus } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { InquiryRow } from '../../model/incentives';
import { inquiryStore } from './store';
import { notFound, wrongStatus } from '../../../shared/errorMessages';

export function listInquiries(ws: Workspace, filter: { runId?: number; lineId?: number; status?: InquiryStatus }): InquiryRow[] {
  return inquiryStore.list(ws, { runId: filter.runId, lineId: filter.lineId, status: filter.status });
}

export function getInquiry(ws: Workspace, id: number): InquiryRow {
  const r = inquiryStore.list(ws, { id })[0];
  if (!r) throw new DomainError(`No inquiry ${id}`, 'NOT_FOUND', notFound('inquiry', id));
  return r;
}

/** A partner's question on a statement line. Inquiries do not change the run, so they are allowed in any run status. */
export function createInquiry(ctx: OpContext, lineId: number, question: string): InquiryRow {
  const { ws } = ctx;
  if (!inquiryStore.lineExists(ws, lineId)) throw new DomainError(`No payout line ${lineId}`, 'NOT_FOUND', notFound('payoutLine', lineId));
  return getInquiry(ws, inquiryStore.insert(ws, lineId, question, ctx.clock.now().toISOString()));
}

/** open → answered (the answer may be revised while not resolved); answered/open → resolved. */
export function updateInquiry(ctx: OpContext, id: number, change: { answer?: string; status?: InquiryStatus }): { before: InquiryRow; after: InquiryRow } {
  const { ws } = ctx;
  const before = getInquiry(ws, id);
  if (before.status === 'resolved') throw new DomainError(`Inquiry ${id} is resolved`, 'CONFLICT', wrongStatus('inquiry', id, before.status, ['open', 'answered'], 'edit'));
  const answer = change.answer ?? before.answer;
  const status = change.status ?? (change.answer != null ? 'answered' : before.status);
  if (status === 'answered' && !answer) throw new DomainError('An answered inquiry needs an answer', 'DOMAIN', { reason: 'inquiryAnswerRequired', params: {} });
  inquiryStore.update(ws, id, answer, status, ctx.clock.now().toISOString());
  return { before, after: getInquiry(ws, id) };
}
