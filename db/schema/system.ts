import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { updatedAt } from './common';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});

/** Every mutation through the contract, written in the same transaction as the change. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    user: text('user').notNull(),
    operation: text('operation').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    outcome: text('outcome', { enum: ['ok', 'refused'] }).notNull().default('ok'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at), index('audit_log_user_idx').on(t.user, t.at)],
);
