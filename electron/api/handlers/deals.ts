import type { dealsContract } from '../../contract/deals';
import { decideDeal, expireDeals, getDeal, getDealSettings, listDeals, registerDeal, setDealSettings } from '../../domain/deals/dealRegistration';
import type { HandlerMap } from './types';

export const dealHandlers: HandlerMap<keyof typeof dealsContract> = {
  'deals.list': ({ ws }, input) => listDeals(ws, input),
  'deals.get': ({ ws }, { id }) => getDeal(ws, id),
  'deals.register': ({ ws, user, audit, clock }, input) => {
    const { deal, riskId } = registerDeal(ws, input, user, { at: clock.now() });
    audit({ entity: 'deal_registration', entityId: deal.id, after: { ...deal, riskId } });
    return deal;
  },
  'deals.decide': ({ ws, user, audit, clock }, { id, decision, note }) => {
    const { before, after } = decideDeal(ws, id, decision, note, user, { at: clock.now() });
    audit({ entity: 'deal_registration', entityId: id, before, after });
    return after;
  },
  'deals.expire': ({ ws, user, audit, today, clock }, { asOf }) => {
    const r = expireDeals(ws, asOf ?? today(), user, { at: clock.now() });
    audit({ entity: 'deal_registration', entityId: null, after: r });
    return r;
  },
  'deals.settings.get': ({ ws }) => getDealSettings(ws),
  'deals.settings.set': ({ ws, audit, clock }, input) => {
    const { before, after } = setDealSettings(ws, input, clock.now());
    audit({ entity: 'setting', entityId: 'deals', before, after });
    return after;
  },
};
