import { z } from 'zod';
import type { HqDashboard } from '../domain/hq/hqReport';
import type { PublishResult } from '../domain/hq/publish';
import { job, mutation, query, zs } from './operation';

export interface HqStatus {
  workspaceId: string;
  officeName: string | null;
  /** The HQ address without password; null when no HQ is configured. */
  url: string | null;
  /** A key file holding the password (else PGPASSWORD / ~/.pgpass of the user running the app). */
  passwordFile: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Changes waiting to be published. */
  pending: number;
}

const hqUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'a postgres:// address, e.g. postgres://office_east@hq.example.com/pwb_hq?sslmode=verify-full')
  .refine((u) => {
    try {
      return !new URL(u).password;
    } catch {
      return false;
    }
  }, 'no password in the address: keep it in a key file, PGPASSWORD or ~/.pgpass');

export const hqContract = {
  /** This workspace's identity at HQ, the configured connection and the last publish. */
  'hq.status': query<HqStatus>()(z.object({}).strict()),
  /** Sets the HQ address (without password), the key file and the office name; null clears the connection. */
  'hq.configure': mutation<HqStatus>()(
    z.object({ url: hqUrl.nullable(), office: z.string().trim().min(1).max(100), passwordFile: zs.filePath.nullable().optional() }).strict(),
    { invalidates: ['hq'] },
  ),
  /** Publishes everything changed since the last successful publish (see README "HQ consolidation"). */
  'hq.publish': job<PublishResult>()(z.object({}).strict(), { invalidates: ['hq'] }),
  /** The HQ figures across offices for a period; needs a role HQ lets read every office. */
  'hq.dashboard': query<HqDashboard>()(z.object({ period: zs.period }).strict()),
};
