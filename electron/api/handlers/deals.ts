import type { dealsContract } from '../../contract/deals';
import { decideDeal, expireDeals, getDeal, getDealSettings, listDeals, registerDeal, setDealSettings } from '../../domain/deals/dealRegistration';
import type { HandlerMap } from './types';

export const dealHandlers: HandlerMap<keyof typeof dealsContract> = {
  'deals.list': ({ ws }, input) => listDeals(ws, input),
  'deals.get': ({ ws }, { id }) => getDeal(ws, id),
  'deals.register': ({ ws, user, audit }, input) => {
    const { deal, riskId } = registerDeal(ws, input, user);
    audit({ entity: 'deal_registration', entityId: deal.id, after: { ...deal, riskId } });
    return deal;
  },
  'deals.decide': ({ ws, user, audit }, { id, decision, note }) => {
    const { before, after } = decideDeal(ws, id, decision, note, user);
    audit({ entity: 'deal_registration', entityId: id, before, after });
    return after;
  },
  'deals.expire': ({ ws, user, audit, today }, { asOf }) => {
    const r = expireDeals(ws, asOf ?? today(), user);
    audit({ entity: 'deal_registration', entityId: null, after: r });
    return r;
  },
  'deals.settings.get': ({ ws }) => getDealSettings(ws),
  'deals.settings.set': ({ ws, audit }, input) => {
    const { before, after } = setDealSettings(ws, input);
    audit({ entity: 'setting', entityId: 'deals', before, after });
    return after;
  },
};
