import { z } from 'zod';
import { partnerIdFields } from '../../shared/partnerIds';
import { zs } from '../../shared/fields';
import type { ChannelManagerRow, TerritoryRow, partnerManagerHistory } from '../../db/schema';

/** The channel managers area's vocabulary (the contract composes these). */
/** A channel manager as stored (the drizzle schema's columns) with the territory's code and the partners they own. */
export type ChannelManager = Pick<ChannelManagerRow, 'id' | 'name' | 'email' | 'phone' | 'active'> & {
  /** Territory code. */
  territory: TerritoryRow['code'] | null;
  /** Live partners assigned to this manager. */
  partners: number;
};

/** One line of a partner's ownership history. */
/** A row of a partner's manager history (the drizzle schema's columns), the managers by name. */
export type ManagerAssignment = Pick<typeof partnerManagerHistory.$inferSelect, 'id' | 'changedOn' | 'reason' | 'changedBy'> & {
  from: ChannelManagerRow['name'] | null;
  to: ChannelManagerRow['name'] | null;
};

export const channelManagerFields = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.union([z.email().max(200), z.literal('')]).nullable().optional(),
    // checked and stored like a partner's phone (mainland mobile, landline with area code, 400/800, +country code)
    phone: partnerIdFields.phone,
    territory: z.string().trim().min(1).max(32).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type ChannelManagerFields = z.output<typeof channelManagerFields>;

/** Reassign partners to a manager (null: unassigned), with the day and the reason kept in each partner's history. */
export const reassignInput = z
  .object({
    partnerIds: z.array(z.number().int().positive()).min(1).max(100_000),
    to: z.number().int().positive().nullable(),
    reason: z.string().trim().max(500).nullable().optional(),
    on: zs.isoDate.optional(),
  })
  .strict();
export type ReassignInput = z.output<typeof reassignInput>;
