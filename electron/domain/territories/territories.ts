import type { Workspace } from '../../../db/database';
import type { OpContext, StampContext } from '../opContext';
import type { TerritoryKind } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import type { Territory, TerritoryAddInput, TerritoryMergeInput, TerritoryMoveInput, TerritoryRenameInput } from '../../model/territories';
import { isWithin, withDescendants, type TreeNode } from './territoryTree';
import { refuseIfFromHq } from '../hq/referenceMirror';
import { territoryStore, type TerritoryNode } from './store';
import { notFound } from '../../../shared/errorMessages';

/** A refusal the user reads: the English message for logs, the reason and params for errorText in the user's language. */
export function refuse(message: string, code: 'NOT_FOUND' | 'CONFLICT' | 'DOMAIN', reason: string, params: Record<string, unknown>): DomainError {
  return new DomainError(message, code, { reason, params });
}

/** The territory tree's rules (levels, codes, moves, merges, filters); the SQL is in store.ts. */
export function listTerritories(ws: Workspace): Territory[] {
  return treeOrder(territoryStore.list(ws));
}

/** Parents before children, siblings in their order: the list reads as the tree. */
function treeOrder<T extends { id: number; parent: string | null; code: string }>(rows: T[]): T[] {
  const kids = new Map<string | null, T[]>();
  for (const r of rows) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r]);
  const out: T[] = [];
  const walk = (parent: string | null) => {
    for (const r of kids.get(parent) ?? []) {
      out.push(r);
      walk(r.code);
    }
  };
  walk(null);
  return out;
}

export function treeNodes(ws: Workspace): Array<TreeNode & { code: string; kind: TerritoryKind; active: boolean; nameZh: string; nameEn: string | null }> {
  return territoryStore.nodes(ws);
}

function byCode(ws: Workspace, code: string): TerritoryNode {
  const row = territoryStore.byCode(ws, code);
  if (!row) throw refuse(`Territory ${code} not found`, 'NOT_FOUND', 'territory.notFound', { code });
  return row;
}

export function getTerritory(ws: Workspace, code: string): Territory {
  const t = listTerritories(ws).find((x) => x.code.toLowerCase() === code.toLowerCase());
  if (!t) throw refuse(`Territory ${code} not found`, 'NOT_FOUND', 'territory.notFound', { code });
  return t;
}

export type TerritoryMatch = { id: number; code: string } | 'ambiguous' | null;

/**
 * Finds a territory by its code, its exact Chinese name or its exact English name (letter case aside) — never by a
 * guess: "East" does not find 华东 / East China. A name two territories share is 'ambiguous'.
 */
export function territoryMatcher(ws: Workspace): (value: string) => TerritoryMatch {
  const rows = treeNodes(ws);
  const codes = new Map(rows.map((r) => [r.code.toLowerCase(), r]));
  const names = new Map<string, Array<(typeof rows)[number]>>();
  const add = (k: string | null, r: (typeof rows)[number]) => {
    if (!k) return;
    const key = k.trim().toLowerCase();
    const list = names.get(key) ?? [];
    if (!list.includes(r)) list.push(r);
    names.set(key, list);
  };
  for (const r of rows) {
    add(r.nameZh, r);
    add(r.nameEn, r);
  }
  return (value) => {
    const key = value.trim().toLowerCase();
    const c = codes.get(key);
    if (c) return { id: c.id, code: c.code };
    const n = names.get(key);
    if (!n) return null;
    return n.length === 1 ? { id: n[0].id, code: n[0].code } : 'ambiguous';
  };
}

/**
 * A region filter: the ids of the referenced territories (code or exact name, as stored schedules and programs written
 * before the territory tree hold names such as 华东) and all their descendants. Unknown references are refused.
 */
export function territoryFilterIds(ws: Workspace, refs: readonly string[]): number[] {
  const match = territoryMatcher(ws);
  const ids = refs.map((r) => {
    const m = match(r);
    if (m === null) throw new DomainError(`Territory ${r} not found`, 'NOT_FOUND', notFound('territory', r));
    if (m === 'ambiguous') throw new DomainError(`Territory name ${r} is used by more than one territory; use its code`, 'CONFLICT', { reason: 'territoryNameAmbiguous', params: { name: r } });
    return m.id;
  });
  return [...withDescendants(treeNodes(ws), ids)];
}

/** The territory id behind a code given in an input (null stays null). */
export function territoryIdOf(ws: Workspace, code: string | null | undefined): number | null | undefined {
  if (code === undefined) return undefined;
  if (code === null || code === '') return null;
  return byCode(ws, code).id;
}

function defaultKind(parentKind: TerritoryKind | null): TerritoryKind {
  if (parentKind === null) return 'territory';
  if (parentKind === 'territory' || parentKind === 'subTerritory') return 'subTerritory';
  return 'city';
}

/**
 * Which level may lie under which: a 大区 (territory) is top-level; a sub-territory (片区) lies under a territory or
 * sub-territory; a province at the top or under a territory or sub-territory; a city under a province, or directly
 * under a territory or sub-territory (苏州 under 苏南区); nothing under a city.
 */
const FITS: Record<TerritoryKind, ReadonlyArray<TerritoryKind | null>> = {
  territory: [null],
  subTerritory: ['territory', 'subTerritory'],
  province: [null, 'territory', 'subTerritory'],
  city: ['province', 'territory', 'subTerritory'],
};

/** Refuses a node of `kind` under `parent` (null: top level) when the levels do not fit, in the user's language. */
function checkFits(code: string, kind: TerritoryKind, parent: { code: string; kind: TerritoryKind } | null): void {
  if (FITS[kind].includes(parent?.kind ?? null)) return;
  throw refuse(
    `Territory ${code} (${kind}) cannot lie ${parent ? `under ${parent.code} (${parent.kind})` : 'at the top level'}`,
    'CONFLICT',
    'territory.kindMismatch',
    { code, kind, parent: parent?.code ?? null, parentKind: parent?.kind ?? null },
  );
}

/** Refuses a change that would leave a child under a node where its level does not fit (e.g. children under a city). */
function checkChildrenFit(ws: Workspace, parentId: number, parent: { code: string; kind: TerritoryKind }): void {
  for (const c of territoryStore.children(ws, parentId)) checkFits(c.code, c.kind, parent);
}

/**
 * The level a node takes where it goes: the one asked for, else its own — a 大区 moved under another becomes a 片区,
 * a 片区 moved to the top level becomes a 大区.
 */
function levelAt(kind: TerritoryKind, asked: TerritoryKind | undefined, parent: { kind: TerritoryKind } | null): TerritoryKind {
  if (asked) return asked;
  if (kind === 'territory' && parent && parent.kind !== 'province' && parent.kind !== 'city') return 'subTerritory';
  if (kind === 'subTerritory' && !parent) return 'territory';
  return kind;
}

/** A code for a node added without one: from its English name, else under its parent's code (440000-1), else T001. */
function codeFor(ws: Workspace, nameEn: string | null | undefined, parent: { code: string } | null): string {
  if (nameEn || !parent) return freeCode(ws, nameEn ?? null);
  const taken = (c: string) => territoryStore.codeTaken(ws, c);
  for (let n = 1; ; n++) if (!taken(`${parent.code}-${n}`)) return `${parent.code}-${n}`;
}

function freeCode(ws: Workspace, wanted: string | null): string {
  const taken = (c: string) => territoryStore.codeTaken(ws, c);
  const base = (wanted ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 24);
  if (base && !taken(base)) return base;
  for (let n = 1; ; n++) {
    const c = base ? `${base}-${n}` : `T${String(n).padStart(3, '0')}`;
    if (!taken(c)) return c;
  }
}

export function addTerritory(ctx: StampContext, input: TerritoryAddInput): Territory {
  const { ws } = ctx;
  const parent = input.parent ? byCode(ws, input.parent) : null;
  if (input.code && territoryStore.codeTaken(ws, input.code))
    throw refuse(`Territory code ${input.code} is already used`, 'CONFLICT', 'territory.codeTaken', { code: input.code });
  const code = input.code ?? codeFor(ws, input.nameEn, parent);
  const kind = input.kind ?? defaultKind(parent?.kind ?? null);
  checkFits(input.code ?? input.nameZh, kind, parent);
  const parentId = parent?.id ?? null;
  territoryStore.insert(ws, { code, nameZh: input.nameZh, nameEn: input.nameEn ?? null, parentId, kind, sortOrder: territoryStore.nextSortOrder(ws, parentId) }, ctx.clock.now().toISOString());
  return getTerritory(ws, code);
}

export function renameTerritory(ctx: OpContext, input: TerritoryRenameInput): { before: Territory; after: Territory } {
  const { ws } = ctx;
  refuseIfFromHq(ws, 'territory', { code: input.code });
  const before = getTerritory(ws, input.code);
  if (input.newCode && input.newCode.toLowerCase() !== before.code.toLowerCase() && territoryStore.codeTaken(ws, input.newCode))
    throw refuse(`Territory code ${input.newCode} is already used`, 'CONFLICT', 'territory.codeTaken', { code: input.newCode });
  if (input.kind && input.kind !== before.kind) {
    checkFits(before.code, input.kind, before.parent ? getTerritory(ws, before.parent) : null);
    checkChildrenFit(ws, before.id, { code: before.code, kind: input.kind });
  }
  territoryStore.update(ws, before.id, {
    code: input.newCode ?? before.code,
    nameZh: input.nameZh ?? before.nameZh,
    nameEn: input.nameEn === undefined ? before.nameEn : input.nameEn,
    kind: input.kind ?? before.kind,
  }, ctx.clock.now().toISOString());
  return { before, after: getTerritory(ws, input.newCode ?? before.code) };
}

export function moveTerritory(ctx: OpContext, input: TerritoryMoveInput): { before: Territory; after: Territory } {
  const { ws } = ctx;
  refuseIfFromHq(ws, 'territory', { code: input.code });
  const before = getTerritory(ws, input.code);
  const parent = input.parent ? byCode(ws, input.parent) : null;
  if (parent && isWithin(treeNodes(ws), parent.id, before.id))
    throw refuse(`Territory ${before.code} cannot move under itself or one of its own sub-territories (${parent.code})`, 'CONFLICT', 'territory.moveUnderItself', { code: before.code, parent: parent.code });
  const kind = levelAt(before.kind, input.kind, parent);
  checkFits(before.code, kind, parent);
  if (kind !== before.kind) checkChildrenFit(ws, before.id, { code: before.code, kind });
  territoryStore.update(ws, before.id, { parentId: parent?.id ?? null, kind }, ctx.clock.now().toISOString());
  return { before, after: getTerritory(ws, before.code) };
}

/** Everything that pointed at `from` points at `into` afterwards; `from` is deleted. Stored evaluation runs keep their names. */
export function mergeTerritory(ctx: StampContext, input: TerritoryMergeInput): { from: Territory; into: Territory; movedPartners: number } {
  const { ws } = ctx;
  refuseIfFromHq(ws, 'territory', { code: input.from });
  const from = getTerritory(ws, input.from);
  const into0 = getTerritory(ws, input.into);
  if (from.id === into0.id) throw refuse('A territory cannot be merged into itself', 'CONFLICT', 'territory.mergeIntoItself', { code: from.code });
  if (isWithin(treeNodes(ws), into0.id, from.id))
    throw refuse(`Territory ${from.code} cannot be merged into one of its own sub-territories (${into0.code})`, 'CONFLICT', 'territory.mergeIntoDescendant', { code: from.code, into: into0.code });
  checkChildrenFit(ws, from.id, into0);
  const { movedPartners } = territoryStore.merge(ws, from.id, into0.id, ctx.clock.now().toISOString());
  return { from, into: getTerritory(ws, into0.code), movedPartners };
}

export function setTerritoryActive(ctx: OpContext, code: string, active: boolean): { before: Territory; after: Territory } {
  const { ws } = ctx;
  refuseIfFromHq(ws, 'territory', { code });
  const before = getTerritory(ws, code);
  territoryStore.update(ws, before.id, { active }, ctx.clock.now().toISOString());
  return { before, after: getTerritory(ws, code) };
}
