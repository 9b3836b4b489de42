import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS } from '../../shared/enums';
import { channelManagers } from './channelManagers';
import { territories } from './territories';

export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    channelType: text('channel_type', { enum: CHANNEL_TYPES }).notNull(),
    tier: text('tier', { enum: TIERS }).notNull().default('tier3'),
    /** The partner's territory (any level of the tree); region filters include the territory's descendants. */
    territoryId: integer('territory_id').references(() => territories.id),
    province: text('province'),
    city: text('city'),
    status: text('status', { enum: PARTNER_STATUSES }).notNull().default('prospect'),
    /** The partner's channel manager (渠道经理); every change is kept in partner_manager_history. */
    channelManagerId: integer('channel_manager_id').references(() => channelManagers.id),
    contactName: text('contact_name'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    /** 统一社会信用代码 */
    creditCode: text('credit_code'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    joinedOn: text('joined_on'),
    currency: text('currency').notNull().default('CNY'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    uniqueIndex('partners_code_uq').on(t.code),
    index('partners_channel_idx').on(t.channelType, t.tier),
    index('partners_territory_idx').on(t.territoryId),
    index('partners_live_idx').on(t.deletedAt).where(sql`${t.deletedAt} is null`),
  ],
);

export type PartnerRow = typeof partners.$inferSelect;
export type NewPartnerRow = typeof partners.$inferInsert;

/** Who owned a partner when: one row per assignment or reassignment (from → to, the day, why, who did it). */
export const partnerManagerHistory = sqliteTable(
  'partner_manager_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    fromManagerId: integer('from_manager_id').references(() => channelManagers.id),
    toManagerId: integer('to_manager_id').references(() => channelManagers.id),
    changedOn: text('changed_on').notNull(),
    reason: text('reason'),
    changedBy: text('changed_by'),
    createdAt: createdAt(),
  },
  (t) => [index('partner_manager_history_partner_idx').on(t.partnerId, t.id)],
);
