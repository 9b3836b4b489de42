import { eq, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { partners, riskHistory, risks, type NewRiskRow, type RiskRow } from '../../../db/schema';
import { riskFields, type RiskInput, type RiskPatch } from '../../contract/risks';
import { DomainError } from '../../contract/operation';

/** Options for callers that record a change at a known time (imports, tests); default: now. */
export interface ChangeOptions {
  at?: Date;
}

/** The fields a history snapshot holds: the risk row without its bookkeeping timestamps. */
export type RiskSnapshot = Omit<RiskRow, 'createdAt' | 'updatedAt'>;

export function snapshotOf(row: RiskRow): RiskSnapshot {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

export type RiskChanges = Record<string, { from: unknown; to: unknown }>;

/** Field-by-field differences between two rows (bookkeeping timestamps ignored). */
export function diffRisk(before: RiskSnapshot, after: RiskSnapshot): RiskChanges {
  const changes: RiskChanges = {};
  for (const k of Object.keys(after) as Array<keyof RiskSnapshot>) {
    if (k === 'id') continue;
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (a !== b) changes[k] = { from: a, to: b };
  }
  return changes;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new DomainError(`Invalid risk: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, 'DOMAIN', { issues });
  }
  return r.data;
}

/** Next free generated code: R-0001, R-0002 … (one above the highest R-number in use). */
export function nextRiskCode(ws: Workspace): string {
  const row = ws.sqlite
    .prepare("select max(cast(substr(code, 3) as integer)) as n from risks where code glob 'R-[0-9]*' and substr(code, 3) not glob '*[^0-9]*'")
    .get() as { n: number | null };
  return `R-${String((row.n ?? 0) + 1).padStart(4, '0')}`;
}

/** Rules across fields: residual likelihood and impact go together and do not exceed the inherent score. */
function checkConsistency(ws: Workspace, r: Pick<RiskRow, 'likelihood' | 'impact' | 'residualLikelihood' | 'residualImpact' | 'partnerId'>): void {
  const hasRl = r.residualLikelihood != null;
  const hasRi = r.residualImpact != null;
  if (hasRl !== hasRi) {
    throw new DomainError('Residual likelihood and residual impact are given together (or both left empty)', 'DOMAIN', {
      issues: [{ path: hasRl ? 'residualImpact' : 'residualLikelihood', message: 'required with the other residual value' }],
    });
  }
  if (hasRl && r.residualLikelihood! * r.residualImpact! > r.likelihood * r.impact) {
    throw new DomainError('The residual score cannot be higher than the inherent score', 'DOMAIN', {
      issues: [{ path: 'residualLikelihood', message: 'residual score above inherent score' }],
    });
  }
  if (r.partnerId != null) {
    const p = ws.db.select({ id: partners.id }).from(partners).where(eq(partners.id, r.partnerId)).get();
    if (!p) throw new DomainError(`Partner ${r.partnerId} not found`, 'NOT_FOUND', { issues: [{ path: 'partnerId', message: 'no such partner' }] });
  }
}

export function writeHistory(ws: Workspace, riskId: number, user: string, changes: Record<string, unknown>, snapshot: RiskSnapshot, at: Date): void {
  ws.db.insert(riskHistory).values({ riskId, changedAt: at.toISOString(), changedBy: user, changes, snapshot: snapshot as unknown as Record<string, unknown> }).run();
}

export function getRiskRow(ws: Workspace, id: number): RiskRow {
  const row = ws.db.select().from(risks).where(eq(risks.id, id)).get();
  if (!row) throw new DomainError(`Risk ${id} not found`, 'NOT_FOUND');
  return row;
}

/**
 * Adds a risk to the register and records its first history entry. Synchronous: runs inside the caller's transaction.
 * Score and level are not stored: they are derived from likelihood × impact and the configured bands when read.
 */
export function createRisk(ws: Workspace, input: RiskInput, user: string, options: ChangeOptions = {}): RiskRow {
  const at = options.at ?? new Date();
  const data = parse(riskFields, input);
  checkConsistency(ws, {
    likelihood: data.likelihood,
    impact: data.impact,
    residualLikelihood: data.residualLikelihood ?? null,
    residualImpact: data.residualImpact ?? null,
    partnerId: data.partnerId ?? null,
  });
  const code = data.code ?? nextRiskCode(ws);
  if (ws.db.select({ id: risks.id }).from(risks).where(eq(risks.code, code)).get()) {
    throw new DomainError(`Risk code ${code} is already used`, 'CONFLICT', { issues: [{ path: 'code', message: 'already used' }] });
  }
  const status = data.status ?? 'open';
  const iso = at.toISOString();
  const values: NewRiskRow = {
    ...data,
    code,
    status,
    closedAt: status === 'closed' ? iso.slice(0, 10) : null,
    createdAt: iso,
    updatedAt: iso,
  };
  const row = ws.db.insert(risks).values(values).returning().get();
  writeHistory(ws, row.id, user, { created: true }, snapshotOf(row), at);
  return row;
}

/** Changes a risk and records what changed plus the full snapshot after the change. No history row when nothing changed. */
export function updateRisk(ws: Workspace, id: number, patch: RiskPatch, user: string, options: ChangeOptions = {}): { before: RiskRow; after: RiskRow } {
  const at = options.at ?? new Date();
  const before = getRiskRow(ws, id);
  const data = parse(riskFields.partial().strict(), patch);
  const merged = { ...before, ...data };
  checkConsistency(ws, merged);
  if (data.code && data.code !== before.code) {
    const clash = ws.db.select({ id: risks.id }).from(risks).where(eq(risks.code, data.code)).get();
    if (clash) throw new DomainError(`Risk code ${data.code} is already used`, 'CONFLICT', { issues: [{ path: 'code', message: 'already used' }] });
  }
  const set: Partial<NewRiskRow> = { ...data };
  if (data.status && data.status !== before.status) {
    set.closedAt = data.status === 'closed' ? at.toISOString().slice(0, 10) : null;
  }
  const changes = diffRisk(snapshotOf(before), snapshotOf({ ...before, ...set } as RiskRow));
  if (Object.keys(changes).length === 0) return { before, after: before };
  const after = ws.db
    .update(risks)
    .set({ ...set, updatedAt: at.toISOString() })
    .where(eq(risks.id, id))
    .returning()
    .get();
  writeHistory(ws, id, user, changes, snapshotOf(after), at);
  return { before, after };
}

/** Closes a risk (status 'closed', closed date recorded). */
export function closeRisk(ws: Workspace, id: number, user: string, options: ChangeOptions = {}): { before: RiskRow; after: RiskRow } {
  const before = getRiskRow(ws, id);
  if (before.status === 'closed') throw new DomainError(`Risk ${before.code} is already closed`, 'CONFLICT');
  return updateRisk(ws, id, { status: 'closed' }, user, options);
}

/** Used by the list: count of risks, for tests and sanity checks. */
export function countRisks(ws: Workspace): number {
  return (ws.db.select({ n: sql<number>`count(*)` }).from(risks).get()?.n ?? 0) as number;
}
