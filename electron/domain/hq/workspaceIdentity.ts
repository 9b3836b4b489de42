import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';

export interface WorkspaceIdentity {
  workspaceId: string;
  officeName: string | null;
}

export function readIdentity(ws: Workspace): WorkspaceIdentity {
  const row = ws.sqlite.prepare('SELECT workspace_id AS workspaceId, office_name AS officeName FROM workspace_identity WHERE id = 1').get() as WorkspaceIdentity | undefined;
  if (!row) throw new DomainError('This workspace has no identity row (workspace_identity); run `pwb check`', 'DOMAIN');
  return row;
}

export function setOfficeName(ws: Workspace, name: string): void {
  const office = name.trim();
  if (!office || office.length > 100) throw new DomainError('The office name must have 1–100 characters', 'DOMAIN', { reason: 'OFFICE_NAME' });
  ws.sqlite.prepare('UPDATE workspace_identity SET office_name = ? WHERE id = 1').run(office);
}

export interface PublishState {
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Changes waiting to be published. */
  pending: number;
}

export function publishState(ws: Workspace): PublishState {
  const s = ws.sqlite.prepare('SELECT last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, last_error AS lastError, last_seq AS lastSeq FROM hq_publish_state WHERE id = 1').get() as PublishState & { lastSeq: number };
  const pending = (ws.sqlite.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?').get(s.lastSeq) as { n: number }).n;
  return { lastAttemptAt: s.lastAttemptAt, lastSuccessAt: s.lastSuccessAt, lastError: s.lastError, pending };
}
