import type { auditContract } from '../../contract/audit';
import { auditFacets, listAudit, recordHistory } from '../../domain/audit/auditQuery';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<keyof typeof auditContract> = {
  'audit.list': ({ ws, clock }, input) => listAudit(ws, input, clock.timeZone),
  'audit.history': ({ ws }, { entity, entityId }) => recordHistory(ws, entity, entityId),
  'audit.facets': ({ ws }) => auditFacets(ws),
};
