import { defineConfig } from 'drizzle-kit';

/** The HQ database (PostgreSQL); the workspace's SQLite schema is drizzle.config.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/hq/schema.ts',
  out: './db/hq/migrations',
  schemaFilter: ['hq'],
});
