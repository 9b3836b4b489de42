import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS } from '../../shared/enums';

export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    channelType: text('channel_type', { enum: CHANNEL_TYPES }).notNull(),
    tier: text('tier', { enum: TIERS }).notNull().default('tier3'),
    region: text('region'),
    province: text('province'),
    city: text('city'),
    status: text('status', { enum: PARTNER_STATUSES }).notNull().default('prospect'),
    owner: text('owner'),
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
    index('partners_region_idx').on(t.region),
    index('partners_live_idx').on(t.deletedAt).where(sql`${t.deletedAt} is null`),
  ],
);

export type PartnerRow = typeof partners.$inferSelect;
export type NewPartnerRow = typeof partners.$inferInsert;
