import type { Workspace } from '../../../db/database';
import { COURSE_CATEGORIES, TERRITORY_KINDS } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';

/** One pulled item as the mirror applies it. */
export interface MirrorItem {
  kind: string;
  code: string;
  name: string;
  version: number;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown): string => JSON.stringify(Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/**
 * Makes pulled territories, products and courses the rows the pages and the domain use: upserted by code with
 * `hq_version` set (read-only here from then on: the domain refuses in words, triggers refuse any other path). A row
 * of the office with the same code is taken over by HQ's. Program templates stay in hq_reference (listReference).
 * Runs inside the pull's transaction, with reference writes allowed.
 */
export function mirrorReference(ws: Workspace, item: MirrorItem): void {
  const { sqlite } = ws;
  const active = item.data.active === false ? 0 : 1;
  if (item.kind === 'territory') {
    const parentCode = str(item.data.parent);
    const parentId = parentCode ? ((sqlite.prepare('select id from territories where code = ? collate nocase').get(parentCode) as { id: number } | undefined)?.id ?? null) : null;
    const kind = (TERRITORY_KINDS as readonly string[]).includes(String(item.data.kind)) ? String(item.data.kind) : parentId ? 'subTerritory' : 'territory';
    const had = sqlite.prepare('select id from territories where code = ? collate nocase').get(item.code) as { id: number } | undefined;
    if (had) {
      sqlite
        .prepare("update territories set name_zh = ?, name_en = ?, parent_id = ?, kind = ?, active = ?, hq_version = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?")
        .run(item.name, str(item.data.nameEn), parentId, kind, active, item.version, had.id);
    } else {
      sqlite
        .prepare('insert into territories (code, name_zh, name_en, parent_id, kind, active, sort_order, hq_version) values (?, ?, ?, ?, ?, ?, (select coalesce(max(sort_order), 0) + 1 from territories where parent_id is ?), ?)')
        .run(item.code, item.name, str(item.data.nameEn), parentId, kind, active, parentId, item.version);
    }
  } else if (item.kind === 'product') {
    sqlite
      .prepare(
        `insert into products (code, name_zh, name_en, product_line, unit, active, hq_version) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, product_line = excluded.product_line,
           unit = excluded.unit, active = excluded.active, hq_version = excluded.hq_version, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      )
      .run(item.code, item.name, str(item.data.nameEn), str(item.data.productLine), str(item.data.unit), active, item.version);
  } else if (item.kind === 'course') {
    const category = (COURSE_CATEGORIES as readonly string[]).includes(String(item.data.category)) ? String(item.data.category) : 'product';
    const validity = Number.isInteger(item.data.validityMonths) ? (item.data.validityMonths as number) : null;
    const passing = typeof item.data.passingScore === 'number' ? item.data.passingScore : null;
    sqlite
      .prepare(
        `insert into training_courses (code, title_zh, title_en, category, validity_months, required_tiers, required_channel_types, passing_score, active, hq_version)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (code) do update set title_zh = excluded.title_zh, title_en = excluded.title_en, category = excluded.category,
           validity_months = excluded.validity_months, required_tiers = excluded.required_tiers, required_channel_types = excluded.required_channel_types,
           passing_score = excluded.passing_score, active = excluded.active, hq_version = excluded.hq_version, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      )
      .run(item.code, item.name, str(item.data.titleEn) ?? item.name, category, validity, list(item.data.requiredTiers), list(item.data.requiredChannelTypes), passing, active, item.version);
  }
}

const TABLES: Record<string, string> = { territory: 'territories', product: 'products', course: 'training_courses' };

/** HQ withdrew the item: the row stays (partners and records point at it), inactive and back in the office's hands. */
export function releaseReference(ws: Workspace, kind: string, code: string): void {
  const table = TABLES[kind];
  if (table) ws.sqlite.prepare(`update ${table} set active = 0, hq_version = null where code = ? collate nocase and hq_version is not null`).run(code);
}

/** Refuses changing a row that mirrors HQ reference data, in the user's words (kind, code, version). */
export function refuseIfFromHq(ws: Workspace, kind: 'territory' | 'product' | 'course', where: { id: number } | { code: string }): void {
  const table = TABLES[kind];
  const row = ('id' in where
    ? ws.sqlite.prepare(`select code, hq_version as v from ${table} where id = ?`).get(where.id)
    : ws.sqlite.prepare(`select code, hq_version as v from ${table} where code = ? collate nocase`).get(where.code)) as { code: string; v: number | null } | undefined;
  if (row?.v != null) {
    throw new DomainError(`${kind} ${row.code} comes from HQ (version ${row.v}) and cannot be changed here`, 'FORBIDDEN', {
      reason: 'hq.referenceReadOnly',
      params: { kind, code: row.code, version: row.v },
    });
  }
}
