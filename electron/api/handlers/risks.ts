import type { risksContract } from '../../contract/risks';
import { heatMap } from '../../domain/risks/heatMap';
import { overdueRisks } from '../../domain/risks/overdue';
import { saveRiskActions } from '../../domain/risks/riskActions';
import { assertRiskBands, DEFAULT_RISK_BANDS, getRiskBands, RISK_BANDS_SETTING } from '../../domain/risks/riskLevels';
import { getRisk, listRisks } from '../../domain/risks/riskList';
import { closeRisk, createRisk, updateRisk } from '../../domain/risks/riskRegister';
import { setSetting } from '../../domain/system/settingsStore';
import type { HandlerMap } from './types';

export const riskHandlers: HandlerMap<keyof typeof risksContract> = {
  'risks.list': ({ ws }, input) => listRisks(ws, input),
  'risks.get': ({ ws }, { id }) => getRisk(ws, id),
  'risks.save': ({ ws, user, audit, clock }, { id, fields, actions }) => {
    const at = clock.now();
    let riskId: number;
    if (id == null) {
      const after = createRisk(ws, fields as Parameters<typeof createRisk>[1], user, { at });
      riskId = after.id;
      audit({ entity: 'risk', entityId: riskId, after });
    } else {
      const { before, after } = updateRisk(ws, id, fields, user, { at });
      riskId = id;
      audit({ entity: 'risk', entityId: id, before, after });
    }
    if (actions) saveRiskActions(ws, riskId, actions, user, { at });
    return getRisk(ws, riskId).risk;
  },
  'risks.close': ({ ws, user, audit, clock }, { id }) => {
    const { before, after } = closeRisk(ws, id, user, { at: clock.now() });
    audit({ entity: 'risk', entityId: id, before, after });
    return getRisk(ws, id).risk;
  },
  'risks.actions.save': ({ ws, user, audit, clock }, { riskId, actions }) => {
    const { before, after } = saveRiskActions(ws, riskId, actions, user, { at: clock.now() });
    audit({ entity: 'risk_actions', entityId: riskId, before, after });
    return after;
  },
  'risks.heatMap': ({ ws }, input) => heatMap(ws, input),
  'risks.overdue': ({ ws, today }, { asOf, channelManagerIds }) => overdueRisks(ws, asOf ?? today(), channelManagerIds),
  'risks.bands.get': ({ ws }) => ({ bands: getRiskBands(ws.db), defaults: DEFAULT_RISK_BANDS }),
  'risks.bands.set': ({ ws, audit, clock }, { bands }) => {
    assertRiskBands(bands);
    const { before, after } = setSetting(ws.db, RISK_BANDS_SETTING, bands, clock.now());
    audit({ entity: 'setting', entityId: RISK_BANDS_SETTING, before, after });
    return { bands };
  },
};
