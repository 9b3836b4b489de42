import { createHash } from 'node:crypto';
import type { Workspace } from '../../../db/database';
import { partnerFactsReader, type PartnerFacts } from './eligibility';
import { SEAL_RUN_COLUMNS, sealStore, type RunSealFields } from './store';

/** What a statement prints about a payee, as it stood when the run was approved. */
export interface Payee extends PartnerFacts {
  creditCode: string | null;
  address: string | null;
}

const VERSION = 'v1';

/** Every payee of the run (one per partner with a line), read now: called in the transaction that approves. */
export function payeeSnapshotOf(ws: Workspace, runId: number): Record<string, Payee> {
  const partnerFacts = partnerFactsReader(ws);
  const out: Record<string, Payee> = {};
  for (const partnerId of sealStore.payeePartnerIds(ws, runId)) {
    const facts = partnerFacts(partnerId);
    if (!facts) continue;
    const { creditCode, address } = sealStore.creditCodeAndAddress(ws, partnerId)!;
    out[String(partnerId)] = { ...facts, creditCode, address };
  }
  return out;
}

/** The payees frozen at approval, or null for a draft (and for runs approved before the snapshot existed). */
export function frozenPayees(ws: Workspace, runId: number): Map<number, Payee> | null {
  const s = sealStore.payeeSnapshotText(ws, runId);
  if (!s) return null;
  return new Map(Object.entries(JSON.parse(s) as Record<string, Payee>).map(([id, p]) => [Number(id), p]));
}

/**
 * `v1:` + SHA-256 over the run's sealed columns and its lines in id order. The columns are named (SEAL_RUN_COLUMNS,
 * SEAL_LINE_COLUMNS in the store) rather than `select *`, so that a column added by a later migration does not break
 * the seal of runs approved before it.
 */
export function sealOf(ws: Workspace, run: RunSealFields): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(SEAL_RUN_COLUMNS.map((c) => run[c] ?? null)));
  for (const l of sealStore.lineValues(ws, run.id as number)) hash.update(`\n${JSON.stringify(l)}`);
  return `${VERSION}:${hash.digest('hex')}`;
}

/** The columns that approve a draft: status, who and when, the payee snapshot and the seal over all of it. */
export function approvalColumns(ws: Workspace, runId: number, approvedAt: string, approvedBy: string) {
  const payeeSnapshot = JSON.stringify(payeeSnapshotOf(ws, runId));
  const fields = { ...sealStore.runFields(ws, runId)!, approved_at: approvedAt, approved_by: approvedBy, payee_snapshot: payeeSnapshot };
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
  const out: SealFinding[] = [];
  for (const r of sealStore.sealedRuns(ws)) {
    if (!r.approvalFingerprint) out.push({ runId: r.id, status: r.status, problem: 'unsealed' });
    else if (sealOf(ws, sealStore.runFields(ws, r.id)!) !== r.approvalFingerprint) out.push({ runId: r.id, status: r.status, problem: 'broken' });
  }
  return out;
}
