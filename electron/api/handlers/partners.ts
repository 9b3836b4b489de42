import type { partnersContract } from '../../contract/partners';
import * as repo from '../../domain/partners/partnerRepo';
import type { HandlerMap } from './types';

export const partnerHandlers: HandlerMap<keyof typeof partnersContract> = {
  'partners.list': ({ ws }, input) => repo.listPartners(ws, input),
  'partners.get': ({ ws }, { id }) => repo.getPartner(ws.db, id),
  'partners.getByCode': ({ ws }, { code }) => repo.getPartnerByCode(ws.db, code),
  'partners.create': (ctx, input) => {
    const after = repo.createPartner(ctx, input);
    ctx.audit({ entity: 'partner', entityId: after.id, after });
    return after;
  },
  'partners.update': (ctx, { id, patch, reason }) => {
    const { before, after } = repo.updatePartner(ctx, id, patch, reason);
    ctx.audit({ entity: 'partner', entityId: id, before, after });
    return after;
  },
  'partners.delete': (ctx, { id }) => {
    const { before, after } = repo.deletePartner(ctx, id);
    ctx.audit({ entity: 'partner', entityId: id, before, after });
    return { id, deletedAt: after.deletedAt! };
  },
  'partners.restore': (ctx, { id }) => {
    const { before, after } = repo.restorePartner(ctx, id);
    ctx.audit({ entity: 'partner', entityId: id, before, after });
    return after;
  },
};
