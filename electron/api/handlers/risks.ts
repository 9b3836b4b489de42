import type { risksContract } from '../../contract/risks';
import { heatMap } from '../../domain/risks/heatMap';
import { overdueRisks } from '../../domain/risks/overdue';
import { saveRiskActions } from '../../domain/risks/riskActions';
import { assertRiskBands, DEFAULT_RISK_BANDS, getRiskBands, RISK_BANDS_SETTING } from '../../domain/risks/riskLevels';
import { getRisk, listRisks } from '../../domain/risks/riskList';
import { closeRisk, createRisk, updateRisk } from '../../domain/risks/riskRegister';
import { saveSetting } from '../../domain/system/saveSetting';
import { changeContextAt } from '../../domain/opContext';
import type { HandlerMap } from './types';

export const riskHandlers: HandlerMap<keyof typeof risksContract> = {
  'risks.list': ({ ws }, input) => listRisks(ws, input),
  'risks.get': ({ ws }, { id }) => getRisk(ws, id),
  'risks.save': (ctx, { id, fields, actions }) => {
    // The risk and its actions are one change: one instant for both.
    const change = changeContextAt(ctx.ws, ctx.user, ctx.clock.now(), ctx.clock.timeZone);
    let riskId: number;
    if (id == null) {
      const after = createRisk(change, fields as Parameters<typeof createRisk>[1]);
      riskId = after.id;
      ctx.audit({ entity: 'risk', entityId: riskId, after });
    } else {
      const { before, after } = updateRisk(change, id, fields);
      riskId = id;
      ctx.audit({ entity: 'risk', entityId: id, before, after });
    }
    if (actions) saveRiskActions(change, riskId, actions);
    return getRisk(ctx.ws, riskId).risk;
  },
  'risks.close': (ctx, { id }) => {
    const { before, after } = closeRisk(ctx, id);
    ctx.audit({ entity: 'risk', entityId: id, before, after });
    return getRisk(ctx.ws, id).risk;
  },
  'risks.actions.save': (ctx, { riskId, actions }) => {
    const { before, after } = saveRiskActions(ctx, riskId, actions);
    ctx.audit({ entity: 'risk_actions', entityId: riskId, before, after });
    return after;
  },
  'risks.heatMap': ({ ws }, input) => heatMap(ws, input),
  'risks.overdue': ({ ws, today }, { asOf, channelManagerIds }) => overdueRisks(ws, asOf ?? today(), channelManagerIds),
  'risks.bands.get': ({ ws }) => ({ bands: getRiskBands(ws.db), defaults: DEFAULT_RISK_BANDS }),
  'risks.bands.set': (ctx, { bands }) => {
    assertRiskBands(bands);
    saveSetting(ctx, RISK_BANDS_SETTING, bands);
    return { bands };
  },
};
