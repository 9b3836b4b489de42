import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { CHANNEL_TYPES, TERRITORY_KINDS } from '../../shared/enums';

/**
 * The company's own map: 大区 → optional 片区 → provinces → optional cities. Seeded (migration 0005) with the seven
 * standard regions and China's 34 provincial divisions (GB/T 2260 codes); the company renames, moves, merges and adds.
 */
export const territories = sqliteTable(
  'territories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    parentId: integer('parent_id').references((): AnySQLiteColumn => territories.id),
    kind: text('kind', { enum: TERRITORY_KINDS }).notNull().default('territory'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Version of the HQ reference item this row mirrors (`pwb hq pull`); null = the office's own. HQ rows are read-only here. */
    hqVersion: integer('hq_version'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('territories_code_uq').on(t.code), index('territories_parent_idx').on(t.parentId)],
);

export type TerritoryRow = typeof territories.$inferSelect;

/**
 * What a territory wants covered. A row with `areaId` wants that province/city covered by at least `minPartners` active
 * partners (of `channelType` when set): it counts 1 wanted, 1 covered when met. A row without `areaId` wants
 * `minPartners` active partners of `channelType` anywhere in the territory: it counts `minPartners` wanted and
 * min(actual, wanted) covered. A territory without rows wants every active province under it covered by one active partner.
 */
export const coverageTargets = sqliteTable(
  'coverage_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    territoryId: integer('territory_id').notNull().references(() => territories.id),
    areaId: integer('area_id').references(() => territories.id),
    channelType: text('channel_type', { enum: CHANNEL_TYPES }),
    minPartners: integer('min_partners').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('coverage_targets_territory_idx').on(t.territoryId)],
);

export type CoverageTargetRow = typeof coverageTargets.$inferSelect;
