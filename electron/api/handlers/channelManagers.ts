import type { channelManagersContract } from '../../contract/channelManagers';
import * as store from '../../domain/channelManagers/channelManagers';
import type { HandlerMap } from './types';

export const channelManagerHandlers: HandlerMap<keyof typeof channelManagersContract> = {
  'channelManagers.list': ({ ws }) => store.listChannelManagers(ws),
  'channelManagers.me': ({ ws, user }) => store.myChannelManager(ws, user),
  'channelManagers.create': (ctx, input) => {
    const after = store.createChannelManager(ctx, input);
    ctx.audit({ entity: 'channelManager', entityId: after.id, after });
    return after;
  },
  'channelManagers.update': (ctx, { id, patch }) => {
    const { before, after } = store.updateChannelManager(ctx, id, patch);
    ctx.audit({ entity: 'channelManager', entityId: id, before, after });
    return after;
  },
  'channelManagers.reassign': (ctx, input) => {
    const r = store.reassignPartners(ctx, input);
    ctx.audit({ entity: 'partner', entityId: input.partnerIds.length === 1 ? input.partnerIds[0] : null, after: { ...input, ...r } });
    return r;
  },
  'channelManagers.history': ({ ws }, { partnerId }) => store.managerHistory(ws, partnerId),
};
