import type { auditContract } from '../../contract/audit';
import { auditFacets, listAudit, recordHistory } from '../../domain/auditTrail/auditQuery';
import type { HandlerMap } from './types';

export const auditHandlers: HandlerMap<keyof typeof auditContract> = {
  'audit.list': ({ ws }, input) => listAudit(ws.sqlite, input),
  'audit.history': ({ ws }, { entity, entityId }) => recordHistory(ws.sqlite, entity, entityId),
  'audit.facets': ({ ws }) => auditFacets(ws.sqlite),
};
