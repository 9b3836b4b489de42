import { z } from 'zod';
import { channelManagerFields, reassignInput, type ChannelManager, type ManagerAssignment } from '../model/channelManagers';
import { mutation, query, zs } from './operation';

export type { ChannelManager, ManagerAssignment };

export const channelManagersContract = {
  'channelManagers.list': query<ChannelManager[]>()(z.object({}).strict()),
  /** The channel manager the current user is (by the user profile's name or e-mail), or null: the "Mine" filters use it. */
  'channelManagers.me': query<ChannelManager | null>()(z.object({}).strict()),
  'channelManagers.create': mutation<ChannelManager>()(channelManagerFields, { invalidates: ['channelManagers'] }),
  'channelManagers.update': mutation<ChannelManager>()(z.object({ id: zs.id, patch: channelManagerFields.partial().strict() }).strict(), {
    invalidates: ['channelManagers', 'partners'],
  }),
  'channelManagers.reassign': mutation<{ changed: number }>()(reassignInput, { invalidates: ['channelManagers', 'partners'] }),
  'channelManagers.history': query<ManagerAssignment[]>()(z.object({ partnerId: zs.id }).strict()),
};
