import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { territories } from './territories';

/** The people who own partners (渠道经理). Partners are assigned to one; auto-risks, deal conflicts and reviews go to them. */
export const channelManagers = sqliteTable(
  'channel_managers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    territoryId: integer('territory_id').references(() => territories.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('channel_managers_name_idx').on(t.name)],
);

export type ChannelManagerRow = typeof channelManagers.$inferSelect;
