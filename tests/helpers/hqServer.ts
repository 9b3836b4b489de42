import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createOfficeRole, setupHqSchema } from '../../electron/domain/hq/hqSchema';
import { startTestCluster, type TestCluster } from './postgres';

/** An office's login on the test HQ; `reader`: it may also read every office's data (the HQ analyst's grant). */
export type HqTestRole = string | { role: string; reader?: boolean };

export interface HqTestServer {
  /** The cluster: `adminUrl`, `urlFor(role, password)` for roles a test creates itself. */
  readonly cluster: TestCluster;
  /** The HQ owner's connection, open while the tests run. */
  readonly admin: pg.Client;
  /** The password every role of `roles` logs in with. */
  readonly password: string;
  /** The connection URL of one of the office roles. */
  url(role: string): string;
}

/**
 * HQ for the tests of one file (or describe block): before them a throw-away PostgreSQL cluster (tests/helpers/
 * postgres.ts) with the HQ database set up by the app's own migrations (`setupHqSchema`) and the office roles created;
 * after them the owner's connection is closed and the cluster stopped and removed.
 */
export function useHqServer(opts: { password: string; roles?: HqTestRole[] }): HqTestServer {
  let cluster: TestCluster | undefined;
  let admin: pg.Client | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster();
    admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await setupHqSchema(admin);
    for (const r of opts.roles ?? []) {
      const { role, reader } = typeof r === 'string' ? { role: r, reader: false } : r;
      await createOfficeRole(admin, role, opts.password, reader ? { reader: true } : {});
    }
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    cluster?.stop();
  });
  const started = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`the test HQ's ${what} is used before its beforeAll ran`);
    return v;
  };
  return {
    get cluster() {
      return started(cluster, 'cluster');
    },
    get admin() {
      return started(admin, 'owner connection');
    },
    password: opts.password,
    url: (role) => started(cluster, 'cluster').urlFor(role, opts.password),
  };
}
