import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { HqStatus } from '../../model/hq';
import { identityStore, publishLog } from './store';

type HqStatusState = Pick<HqStatus, 'lastAttemptAt' | 'lastSuccessAt' | 'lastError' | 'pending'>;

export interface WorkspaceIdentity {
  workspaceId: string;
  officeName: string | null;
}

export function readIdentity(ws: Workspace): WorkspaceIdentity {
  const row = identityStore.identity(ws);
  if (!row) throw new DomainError('This workspace has no identity row (workspace_identity); run `pwb check`', 'DOMAIN', { reason: 'workspaceNoIdentity', params: {} });
  return row;
}

export function setOfficeName(ws: Workspace, name: string): void {
  const office = name.trim();
  if (!office || office.length > 100) throw new DomainError('The office name must have 1–100 characters', 'DOMAIN', { reason: 'OFFICE_NAME' });
  identityStore.setOfficeName(ws, office);
}

export type PublishState = HqStatusState;

/** The last publish attempt, its failure (reason and params) and the changes waiting. */
export function publishState(ws: Workspace): PublishState {
  return publishLog.state(ws);
}
