import { z } from 'zod';
import type { HqConflict, HqDashboard, HqReferenceItem } from '../model/hq';
import type { PublishResult } from '../model/hq';
import { job, mutation, query, zs } from './operation';
import { HqStatus, hqUrl } from '../model/hq';

export * from '../model/hq';

export const hqContract = {
  /** This workspace's identity at HQ, the configured connection and the last publish. */
  'hq.status': query<HqStatus>()(z.object({}).strict()),
  /** Sets the HQ address (without password), the key file and the office name; null clears the connection. */
  'hq.configure': mutation<HqStatus>()(
    z.object({ url: hqUrl.nullable(), office: z.string().trim().min(1).max(100), passwordFile: zs.filePath.nullable().optional() }).strict(),
    { invalidates: ['hq'] },
  ),
  /** Keeps the HQ password encrypted by the OS keychain (desktop app only); never stored in the workspace nor audited. */
  'hq.savePassword': mutation<HqStatus>()(z.object({ password: z.string().min(1).max(1000) }).strict(), { invalidates: ['hq'] }),
  /** Removes this workspace's HQ password from the OS keychain. */
  'hq.forgetPassword': mutation<HqStatus>()(z.object({}).strict(), { invalidates: ['hq'] }),
  /** Publishes everything changed since the last successful publish (see README "HQ consolidation"). */
  'hq.publish': job<PublishResult>()(z.object({}).strict(), { invalidates: ['hq'] }),
  /** Partner codes, credit codes and deal customers two offices both claim (reported, never merged); needs a reader role. */
  'hq.conflicts': query<HqConflict[]>()(z.object({}).strict()),
  /** Reference data pulled from HQ (territories, products, courses, program templates), read-only here, with versions. */
  'hq.reference.list': query<HqReferenceItem[]>()(z.object({}).strict()),
  /** The HQ figures across offices for a period; needs a role HQ lets read every office. */
  'hq.dashboard': query<HqDashboard>()(z.object({ period: zs.period }).strict()),
};
