import type { Workspace } from '../../../db/database';
import { riskStore } from './store';

/**
 * Whose a risk (or an action on it) is, for "Mine": a risk of a partner one of the managers owns now, or an owner (the risk's or
 * the action's, free text) that is one of them by name or e-mail, letter case aside.
 */
export function minePredicate(ws: Workspace, channelManagerIds: number[] | undefined) {
  if (!channelManagerIds) return () => true;
  const managers = channelManagerIds.length ? riskStore.channelManagersByIds(ws, channelManagerIds) : [];
  const ids = new Set(managers.map((m) => m.id));
  const names = new Set(managers.flatMap((m) => [m.name, m.email].filter((x): x is string => !!x).map((x) => x.trim().toLowerCase())));
  return (partnerManagerId: number | null, ...owners: Array<string | null>) =>
    (partnerManagerId !== null && ids.has(partnerManagerId)) || owners.some((o) => o !== null && names.has(o.trim().toLowerCase()));
}
