import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { recordDiff, type AuditRecord } from '../../../../electron/contract/audit';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { Modal } from '../../components/Modal';
import { fieldLabel, valueText } from './auditWords';
import { currentOperationName } from '../../../../shared/operationNames';

/**
 * An operation in words ('incentives.payouts.approve' → 审批结算批次 / Approve a payout run); a row stored under a former name
 * (system.restore) in its current operation's words; unknown ones as stored.
 */
const opName = (t: TFunction, op: string | null | undefined) => (op ? t(`operations:${currentOperationName(op)}`, { defaultValue: op }) : '');

const PAGE = 500;

/** The changed fields of a record in words ("等级, 状态"). */
function changeSummary(t: TFunction, r: AuditRecord): string {
  const changes = recordDiff(r.before, r.after);
  return changes.map((c) => (c.field === '(value)' ? t('audit:history.value') : fieldLabel(t, r.entity, c.field))).slice(0, 8).join(', ');
}

/** A record type (payout_run) in words (结算批次 / Payout run); an unknown one as it is stored. */
function entityName(t: TFunction, entity: string | null | undefined): string {
  return entity ? t(`audit:entity.${entity}`, { defaultValue: entity }) : '';
}

/** Who changed what and when: the audit trail with filters, and one record's history with before/after. */
export default function AuditPage() {
  const { t } = useTranslation(['audit', 'common', 'operations']);
  const [entity, setEntity] = useState('');
  const [user, setUser] = useState('');
  const [operation, setOperation] = useState('');
  const [outcome, setOutcome] = useState<'' | 'ok' | 'refused'>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [record, setRecord] = useState<{ entity: string; entityId: string; name: string } | null>(null);

  const facets = useOp('audit.facets', {});
  const input = {
    ...(entity ? { entity } : {}),
    ...(user ? { user } : {}),
    ...(operation ? { operation } : {}),
    ...(outcome ? { outcome } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: PAGE,
    offset,
  };
  const list = useOp('audit.list', input);
  const areas = useMemo(() => [...new Set((facets.data?.operations ?? []).map((o) => `${o.split('.')[0]}.`))], [facets.data]);

  const columns = useMemo<ColDef<AuditRecord>[]>(
    () => [
      { field: 'at', headerName: t('audit:field.at'), width: 190, valueFormatter: (p) => formatDateTime(p.value as string) },
      { field: 'user', headerName: t('audit:field.user'), width: 130 },
      { field: 'operation', headerName: t('audit:field.operation'), width: 200, valueFormatter: (p) => opName(t, p.value as string), filterValueGetter: (p) => opName(t, p.data?.operation) },
      { field: 'entity', headerName: t('audit:field.entity'), width: 140, valueFormatter: (p) => entityName(t, p.value as string | null), filterValueGetter: (p) => entityName(t, p.data?.entity ?? null) },
      { colId: 'entityId', field: 'recordName', headerName: t('audit:field.entityId'), width: 150 },
      { field: 'outcome', headerName: t('audit:field.outcome'), width: 110, valueFormatter: (p) => t(`audit:outcome.${p.value as string}`), cellClass: (p) => (p.value === 'refused' ? 'error' : '') },
      { colId: 'changes', field: 'changeSummary', headerName: t('audit:field.changes'), flex: 1, minWidth: 220, valueFormatter: (p) => (p.data ? changeSummary(t, p.data) : ''), filterValueGetter: (p) => (p.data ? changeSummary(t, p.data) : '') },
    ],
    [t],
  );

  const set = <T,>(fn: (v: T) => void) => (v: T) => {
    fn(v);
    setOffset(0);
  };
  const total = list.data?.total ?? 0;

  return (
    <div className="page page-fill">
      <h1>{t('common:nav.audit')}</h1>
      <div className="filters" data-testid="audit-filters">
        <label>
          {t('audit:field.entity')}
          <select value={entity} onChange={(e) => set(setEntity)(e.target.value)} data-testid="audit-filter-entity">
            <option value="">{t('audit:all')}</option>
            {facets.data?.entities.map((x) => <option key={x} value={x}>{entityName(t, x)}</option>)}
          </select>
        </label>
        <label>
          {t('audit:field.user')}
          <select value={user} onChange={(e) => set(setUser)(e.target.value)} data-testid="audit-filter-user">
            <option value="">{t('audit:all')}</option>
            {facets.data?.users.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </label>
        <label>
          {t('audit:field.operation')}
          <select value={operation} onChange={(e) => set(setOperation)(e.target.value)} data-testid="audit-filter-operation">
            <option value="">{t('audit:all')}</option>
            {areas.map((x) => <option key={x} value={x}>{t('audit:area', { area: t(`audit:areaNames.${x.slice(0, -1)}`) })}</option>)}
            {facets.data?.operations.map((x) => <option key={x} value={x}>{opName(t, x)}</option>)}
          </select>
        </label>
        <label>
          {t('audit:field.outcome')}
          <select value={outcome} onChange={(e) => set(setOutcome)(e.target.value as '' | 'ok' | 'refused')} data-testid="audit-filter-outcome">
            <option value="">{t('audit:all')}</option>
            <option value="ok">{t('audit:outcome.ok')}</option>
            <option value="refused">{t('audit:outcome.refused')}</option>
          </select>
        </label>
        <label>
          {t('audit:from')}
          <input type="date" value={from} onChange={(e) => set(setFrom)(e.target.value)} data-testid="audit-filter-from" />
        </label>
        <label>
          {t('audit:to')}
          <input type="date" value={to} onChange={(e) => set(setTo)(e.target.value)} data-testid="audit-filter-to" />
        </label>
      </div>
      <ErrorBanner error={list.error ?? facets.error} />
      <DataGrid<AuditRecord>
        exportAs={{ grid: 'audit', query: input, title: t('common:nav.audit'), fileName: 'audit' }}
        stateKey="audit"
        testId="audit-grid"
        rows={list.data?.rows}
        columns={columns}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => r.entity && r.entityId && setRecord({ entity: r.entity, entityId: r.entityId, name: r.recordName ?? r.entityId })}
        toolbar={
          <span className="pager" data-testid="audit-pager">
            {t('audit:range', { from: total ? offset + 1 : 0, to: Math.min(offset + PAGE, total), total })}
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              ‹
            </button>
            <button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              ›
            </button>
          </span>
        }
      />
      {record && <RecordHistory entity={record.entity} entityId={record.entityId} name={record.name} onClose={() => setRecord(null)} />}
    </div>
  );
}

/** Every change of one record, oldest first, each with a field-by-field before/after table. */
function RecordHistory({ entity, entityId, name, onClose }: { entity: string; entityId: string; name: string; onClose: () => void }) {
  const { t } = useTranslation(['audit', 'common', 'operations']);
  const history = useOp('audit.history', { entity, entityId });
  return (
    <Modal title={t('audit:history.title', { entity: entityName(t, entity), id: name })} onClose={onClose} testId="audit-history" wide>
      <ErrorBanner error={history.error} />
      <ol className="audit-history">
        {history.data?.map((r) => {
          const changes = recordDiff(r.before, r.after);
          return (
            <li key={r.id} data-testid="audit-history-step">
              <div>
                <strong>{opName(t, r.operation)}</strong> · {r.user} · {formatDateTime(r.at)} {r.outcome === 'refused' && <span className="error">{t('audit:outcome.refused')}</span>}
              </div>
              {changes.length === 0 ? (
                <p className="muted">{t('audit:history.noChanges')}</p>
              ) : (
                <table className="diff">
                  <thead>
                    <tr>
                      <th>{t('audit:history.field')}</th>
                      <th>{t('audit:history.before')}</th>
                      <th>{t('audit:history.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.field}>
                        <td>{c.field === '(value)' ? t('audit:history.value') : fieldLabel(t, entity, c.field)}</td>
                        <td className="before">{valueText(t, entity, c.field, c.before)}</td>
                        <td className="after">{valueText(t, entity, c.field, c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button onClick={onClose}>{t('common:actions.close')}</button>
      </div>
    </Modal>
  );
}
