import type { dealsContract } from '../../contract/deals';
import { decideDeal, expireDeals, getDeal, getDealSettings, listDeals, registerDeal, setDealSettings } from '../../domain/deals/dealRegistration';
import type { HandlerMap } from './types';

export const dealHandlers: HandlerMap<keyof typeof dealsContract> = {
  'deals.list': ({ ws }, input) => listDeals(ws, input),
  'deals.get': ({ ws }, { id }) => getDeal(ws, id),
  'deals.register': (ctx, input) => {
    const { deal, riskId } = registerDeal(ctx, input);
    ctx.audit({ entity: 'deal_registration', entityId: deal.id, after: { ...deal, riskId } });
    return deal;
  },
  'deals.decide': (ctx, { id, decision, note }) => {
    const { before, after } = decideDeal(ctx, id, decision, note);
    ctx.audit({ entity: 'deal_registration', entityId: id, before, after });
    return after;
  },
  'deals.expire': (ctx, { asOf }) => {
    const r = expireDeals(ctx, asOf ?? ctx.today());
    ctx.audit({ entity: 'deal_registration', entityId: null, after: r });
    return r;
  },
  'deals.settings.get': ({ ws }) => getDealSettings(ws),
  'deals.settings.set': (ctx, input) => {
    const { before, after } = setDealSettings(ctx, input);
    ctx.audit({ entity: 'setting', entityId: 'deals', before, after });
    return after;
  },
};
