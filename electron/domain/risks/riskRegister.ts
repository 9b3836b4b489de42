import type { Workspace } from '../../../db/database';
import { risks, type NewRiskRow, type RiskRow } from '../../../db/schema';
import { riskFields, type RiskInput, type RiskPatch } from '../../model/risks';
import type { ChangeContext } from '../opContext';
import { DomainError } from '../../../shared/errors';
import { issueParams, type IssueLike } from '../../../shared/validationMessages';
import { riskText, storedRiskText, type RiskTextCode, type RiskTextParams } from '../../../shared/riskTexts';
import { riskStatements, riskStore } from './store';
import { notFound } from '../../../shared/errorMessages';

/** How a change is recorded: at the operation clock's instant (`ctx.clock.now()`), also its closing day. */
export interface ChangeOptions {
  /**
   * The words of a risk the workbench raises (shared/riskTexts): stored as code + parameters, title and description
   * written from them (zh-CN). Without it, a title or description that differs from the risk's coded words in both
   * languages is a person's edit: the risk then reads as typed (its text code is cleared).
   */
  text?: { code: RiskTextCode; params: RiskTextParams };
}

/** The title and description columns and the text code of a risk with these coded words. */
function codedText(text: { code: RiskTextCode; params: RiskTextParams }) {
  return { ...storedRiskText(text.code, text.params), textCode: text.code, textParams: text.params };
}

/** Text codes are not changes of their own: the stored title and description change with them (and say it). */
const NOT_DIFFED = new Set<string>(['id', 'textCode', 'textParams']);

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
    if (NOT_DIFFED.has(k)) continue;
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (a !== b) changes[k] = { from: a, to: b };
  }
  return changes;
}

/** The update patch: every field optional, unknown fields rejected. Built once (zod compiles a schema on first use). */
const riskPatch = riskFields.partial().strict();

const INSERT_DEFAULTS = {
  description: null,
  partnerId: null,
  residualLikelihood: null,
  residualImpact: null,
  owner: null,
  treatment: null,
  nextReviewOn: null,
  ruleCode: null,
  textCode: null,
  textParams: null,
  source: risks.source.default as NewRiskRow['source'],
  reviewRequested: risks.reviewRequested.default as boolean,
};

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: (i as { code?: string }).code, params: issueParams(i as IssueLike) }));
    throw new DomainError(`Invalid risk: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, 'DOMAIN', { issues, reason: 'invalidFields', params: { what: 'risk', issues } });
  }
  return r.data;
}

/** Next free generated code: R-0001, R-0002 … (one above the highest R-number in use). */
export function nextRiskCode(ws: Workspace): string {
  return `R-${String((riskStore.highestGeneratedCodeNumber(ws) ?? 0) + 1).padStart(4, '0')}`;
}

/** Rules across fields: residual likelihood and impact go together and do not exceed the inherent score. */
function checkConsistency(ws: Workspace, r: Pick<RiskRow, 'likelihood' | 'impact' | 'residualLikelihood' | 'residualImpact' | 'partnerId'>): void {
  const hasRl = r.residualLikelihood != null;
  const hasRi = r.residualImpact != null;
  if (hasRl !== hasRi) {
    throw new DomainError('Residual likelihood and residual impact are given together (or both left empty)', 'DOMAIN', {
      reason: 'riskResidualPair',
      params: { missing: hasRl ? 'residualImpact' : 'residualLikelihood' },
      issues: [{ path: hasRl ? 'residualImpact' : 'residualLikelihood', message: 'required with the other residual value' }],
    });
  }
  if (hasRl && r.residualLikelihood! * r.residualImpact! > r.likelihood * r.impact) {
    throw new DomainError('The residual score cannot be higher than the inherent score', 'DOMAIN', {
      reason: 'riskResidualAboveInherent',
      params: {},
      issues: [{ path: 'residualLikelihood', message: 'residual score above inherent score' }],
    });
  }
  if (r.partnerId != null) {
    if (riskStatements(ws).partnerExists.get(r.partnerId) === undefined) throw new DomainError(`Partner ${r.partnerId} not found`, 'NOT_FOUND', { ...notFound('partner', r.partnerId), issues: [{ path: 'partnerId', message: 'no such partner' }] });
  }
}

/** One history entry, by the context's user, at `at` (the instant the change took from the context's clock). */
export function writeHistory(ctx: ChangeContext, riskId: number, changes: Record<string, unknown>, snapshot: RiskSnapshot, at: Date): void {
  riskStatements(ctx.ws).history.run({ riskId, changedAt: at.toISOString(), changedBy: ctx.user, changes, snapshot });
}

export function getRiskRow(ws: Workspace, id: number): RiskRow {
  const row = riskStatements(ws).byId.get({ id });
  if (!row) throw new DomainError(`Risk ${id} not found`, 'NOT_FOUND', notFound('risk', id));
  return row;
}

/**
 * Adds a risk to the register and records its first history entry. Synchronous: runs inside the caller's transaction.
 * Score and level are not stored: they are derived from likelihood × impact and the configured bands when read.
 */
export function createRisk(ctx: ChangeContext, input: RiskInput, options: ChangeOptions = {}): RiskRow {
  const { ws } = ctx;
  const at = ctx.clock.now();
  const data = parse(riskFields, input);
  checkConsistency(ws, {
    likelihood: data.likelihood,
    impact: data.impact,
    residualLikelihood: data.residualLikelihood ?? null,
    residualImpact: data.residualImpact ?? null,
    partnerId: data.partnerId ?? null,
  });
  const code = data.code ?? nextRiskCode(ws);
  if (riskStatements(ws).idByCode.get(code) !== undefined) {
    throw new DomainError(`Risk code ${code} is already used`, 'CONFLICT', { reason: 'riskCodeTaken', params: { code }, issues: [{ path: 'code', message: 'already used' }] });
  }
  const status = data.status ?? 'open';
  const iso = at.toISOString();
  const values = {
    // What the prepared insert binds for fields the input leaves out: null, or the schema's default.
    ...INSERT_DEFAULTS,
    ...definedOnly(data),
    ...(options.text ? codedText(options.text) : {}),
    code,
    status,
    closedAt: status === 'closed' ? ctx.clock.today(at) : null,
    createdAt: iso,
    updatedAt: iso,
  };
  const row = riskStatements(ws).insert.get(values)!;
  writeHistory(ctx, row.id, { created: true }, snapshotOf(row), at);
  return row;
}

/** Changes a risk and records what changed plus the full snapshot after the change. No history row when nothing changed. */
export function updateRisk(ctx: ChangeContext, id: number, patch: RiskPatch, options: ChangeOptions = {}): { before: RiskRow; after: RiskRow } {
  const { ws } = ctx;
  const at = ctx.clock.now();
  const before = getRiskRow(ws, id);
  const data = definedOnly(parse(riskPatch, patch));
  const merged = { ...before, ...data };
  checkConsistency(ws, merged);
  if (data.code && data.code !== before.code) {
    if (riskStatements(ws).idByCode.get(data.code) !== undefined) throw new DomainError(`Risk code ${data.code} is already used`, 'CONFLICT', { reason: 'riskCodeTaken', params: { code: data.code }, issues: [{ path: 'code', message: 'already used' }] });
  }
  const set: Partial<NewRiskRow> = { ...data };
  if (options.text) Object.assign(set, codedText(options.text));
  else if (before.textCode && (data.title !== undefined || data.description !== undefined)) {
    // The form sends the words it showed (in the reader's language): unchanged, they are no edit and the code stays.
    // Edited, both become the person's words as the form showed them (in the reader's language).
    const shown = (['zh-CN', 'en'] as const).map((lang) => riskText(before, lang));
    const titleKept = data.title === undefined || shown.some((t) => t.title === data.title);
    const descriptionKept = data.description === undefined || shown.some((t) => (t.description ?? null) === (data.description ?? null));
    if (titleKept && descriptionKept) {
      delete set.title;
      delete set.description;
    } else Object.assign(set, { textCode: null, textParams: null });
  }
  if (data.status && data.status !== before.status) {
    set.closedAt = data.status === 'closed' ? ctx.clock.today(at) : null;
  }
  const changes = diffRisk(snapshotOf(before), snapshotOf({ ...before, ...set } as RiskRow));
  if (Object.keys(changes).length === 0) return { before, after: before };
  const after = riskStatements(ws).update.get({ ...before, ...set, updatedAt: at.toISOString(), id })!;
  writeHistory(ctx, id, changes, snapshotOf(after), at);
  return { before, after };
}

/** The patch without keys given as undefined: those leave the field as it is (as drizzle's update did), also in the history. */
function definedOnly<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/** Closes a risk (status 'closed', closed date recorded). */
export function closeRisk(ctx: ChangeContext, id: number): { before: RiskRow; after: RiskRow } {
  const before = getRiskRow(ctx.ws, id);
  if (before.status === 'closed') throw new DomainError(`Risk ${before.code} is already closed`, 'CONFLICT', { reason: 'riskAlreadyClosed', params: { code: before.code } });
  return updateRisk(ctx, id, { status: 'closed' });
}

/** Used by the list: count of risks, for tests and sanity checks. */
export function countRisks(ws: Workspace): number {
  return riskStore.count(ws);
}
