import { createHash } from 'node:crypto';
import type { Workspace } from '../../../db/database';
import { partnerFactsReader, type PartnerFacts } from './eligibility';

/** What a statement prints about a payee, as it stood when the run was approved. */
export interface Payee extends PartnerFacts {
  creditCode: string | null;
  address: string | null;
}

/**
 * The run's columns and the line columns the seal covers, named rather than `select *`, so that a column added by a
 * later migration does not break the seal of runs approved before it.
 */
const RUN_COLUMNS = ['id', 'program_id', 'period', 'version', 'currency', 'total_minor', 'program_snapshot', 'inputs_fingerprint', 'calculated_at', 'approved_at', 'approved_by', 'payee_snapshot'] as const;
const LINE_COLUMNS = ['id', 'partner_id', 'kind', 'basis_minor', 'attainment', 'tier_reached', 'rate', 'amount_minor', 'explanation', 'reason', 'relates_to_line_id', 'details'] as const;
const VERSION = 'v1';

type RunSealFields = Record<(typeof RUN_COLUMNS)[number], unknown>;

/** Every payee of the run (one per partner with a line), read now: called in the transaction that approves. */
export function payeeSnapshotOf(ws: Workspace, runId: number): Record<string, Payee> {
  const extra = ws.sqlite.prepare('select credit_code as creditCode, address from partners where id = ?');
  const partnerFacts = partnerFactsReader(ws);
  const out: Record<string, Payee> = {};
  for (const { partnerId } of ws.sqlite.prepare('select distinct partner_id as partnerId from payout_lines where run_id = ? order by partner_id').all(runId) as Array<{ partnerId: number }>) {
    const facts = partnerFacts(partnerId);
    if (!facts) continue;
    const { creditCode, address } = extra.get(partnerId) as { creditCode: string | null; address: string | null };
    out[String(partnerId)] = { ...facts, creditCode, address };
  }
  return out;
}

/** The payees frozen at approval, or null for a draft (and for runs approved before the snapshot existed). */
export function frozenPayees(ws: Workspace, runId: number): Map<number, Payee> | null {
  const row = ws.sqlite.prepare('select payee_snapshot as s from payout_runs where id = ?').get(runId) as { s: string | null } | undefined;
  if (!row?.s) return null;
  return new Map(Object.entries(JSON.parse(row.s) as Record<string, Payee>).map(([id, p]) => [Number(id), p]));
}

/** `v1:` + SHA-256 over the run's sealed columns and its lines in id order. */
export function sealOf(ws: Workspace, run: RunSealFields): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(RUN_COLUMNS.map((c) => run[c] ?? null)));
  const lines = ws.sqlite.prepare(`select ${LINE_COLUMNS.join(', ')} from payout_lines where run_id = ? order by id`).raw().all(run.id);
  for (const l of lines) hash.update(`\n${JSON.stringify(l)}`);
  return `${VERSION}:${hash.digest('hex')}`;
}

function runFields(ws: Workspace, runId: number): RunSealFields {
  return ws.sqlite.prepare(`select ${RUN_COLUMNS.join(', ')} from payout_runs where id = ?`).get(runId) as RunSealFields;
}

/** The columns that approve a draft: status, who and when, the payee snapshot and the seal over all of it. */
export function approvalColumns(ws: Workspace, runId: number, approvedAt: string, approvedBy: string) {
  const payeeSnapshot = JSON.stringify(payeeSnapshotOf(ws, runId));
  const fields = { ...runFields(ws, runId), approved_at: approvedAt, approved_by: approvedBy, payee_snapshot: payeeSnapshot };
  return { approvedAt, approvedBy, payeeSnapshot, approvalFingerprint: sealOf(ws, fields) };
}

export interface SealFinding {
  runId: number;
  status: string;
  /** `unsealed`: approved before seals existed (reported, not a failure); `broken`: the run or its lines changed. */
  problem: 'unsealed' | 'broken';
}

/** Recomputes the seal of every approved or paid run (void runs are history and keep theirs unchecked). */
export function verifySeals(ws: Workspace): SealFinding[] {
  const runs = ws.sqlite.prepare(`select id, status, approval_fingerprint as seal from payout_runs where status in ('approved', 'paid') order by id`).all() as Array<{ id: number; status: string; seal: string | null }>;
  const out: SealFinding[] = [];
  for (const r of runs) {
    if (!r.seal) out.push({ runId: r.id, status: r.status, problem: 'unsealed' });
    else if (sealOf(ws, runFields(ws, r.id)) !== r.seal) out.push({ runId: r.id, status: r.status, problem: 'broken' });
  }
  return out;
}
