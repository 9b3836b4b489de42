import { z } from 'zod';
import { TERRITORY_KINDS } from '../../shared/enums';
import type { TerritoryRow } from '../../db/schema';

/** The territories area's vocabulary: what a territory is, and the inputs of its operations (the contract composes these). */
/** A territory as stored (the drizzle schema's columns; `hqVersion`: HQ's version when pulled from HQ, read-only here, else null) with its parent's code and its partners. */
export type Territory = Pick<TerritoryRow, 'id' | 'code' | 'nameZh' | 'nameEn' | 'kind' | 'active' | 'hqVersion'> & {
  /** The parent's code; null for a top-level territory (大区). */
  parent: TerritoryRow['code'] | null;
  /** Live partners assigned to this territory itself (not its descendants). */
  partners: number;
};

const code = z.string().trim().min(1).max(32).regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, _ . - only');
const nameZh = z.string().trim().min(1).max(100);
const nameEn = z.string().trim().min(1).max(100);

export const territoryAddInput = z
  .object({ nameZh, code: code.optional(), nameEn: nameEn.nullable().optional(), parent: code.nullable().optional(), kind: z.enum(TERRITORY_KINDS).optional() })
  .strict();
const kind = z.enum(TERRITORY_KINDS);
/** `kind` changes the level (大区 / 片区 / province / city): refused where it does not fit the parent or the children. */
export const territoryRenameInput = z.object({ code, nameZh: nameZh.optional(), nameEn: nameEn.nullable().optional(), newCode: code.optional(), kind: kind.optional() }).strict();
/** Without `kind` a 大区 moved under another becomes a 片区 and a 片区 moved to the top a 大区; other levels stay. */
export const territoryMoveInput = z.object({ code, parent: code.nullable(), kind: kind.optional() }).strict();
/** Merge `from` into `into`: its partners, children, channel managers and coverage targets go to `into`; `from` is removed. */
export const territoryMergeInput = z.object({ from: code, into: code }).strict();
export const territorySetActiveInput = z.object({ code, active: z.boolean() }).strict();

export type TerritoryAddInput = z.output<typeof territoryAddInput>;
export type TerritoryRenameInput = z.output<typeof territoryRenameInput>;
export type TerritoryMoveInput = z.output<typeof territoryMoveInput>;
export type TerritoryMergeInput = z.output<typeof territoryMergeInput>;

/** A region filter as inputs take it: territory codes (or exact names); each includes the territory's descendants. */
export const territoryRefs = z.array(z.string().trim().min(1).max(100)).max(500);
