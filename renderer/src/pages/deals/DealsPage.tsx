import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_STATUSES } from '../../../../shared/enums';
import type { DealRow } from '../../../../electron/contract/deals';
import { formatMoney } from '../../../../shared/money';
import { useMutationOp, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { useMine } from '../../mine';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { DealForm } from './DealForm';
import { DealSettingsForm } from './DealSettingsForm';
import { DealView } from './DealView';
import './deals.css';
import { codeNameExport, partnerNameIn } from '../../partnerName';

export default function DealsPage() {
  const { t, i18n } = useTranslation(['deals', 'common']);
  const zh = i18n.language.startsWith('zh');
  const [status, setStatus] = useState('');
  const [registering, setRegistering] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const [settings, setSettings] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const mine = useMine('deals');
  const query = { ...(status ? { statuses: [status as (typeof DEAL_STATUSES)[number]] } : {}), ...mine.filter };
  const list = useOp('deals.list', query, { enabled: mine.ready });
  const expire = useMutationOp('deals.expire');

  const columns = useMemo<ColDef<DealRow>[]>(
    () => [
      { field: 'id', headerName: t('deals:field.id'), width: 80, pinned: 'left' },
      {
        field: 'status',
        headerName: t('deals:field.status'),
        width: 120,
        cellRenderer: (p: { value: DealRow['status'] }) => <span className={`deal-status ${p.value}`}>{t(`deals:status.${p.value}`)}</span>,
        filterValueGetter: (p) => t(`deals:status.${p.data?.status}`),
      },
      { field: 'partnerCode', headerName: t('deals:field.partner'), width: 180, context: { export: { ...codeNameExport(zh), emptyText: t('deals:direct') } }, valueGetter: (p) => (p.data?.partnerCode ? `${p.data.partnerCode} ${partnerNameIn(zh, p.data)}` : t('deals:direct')) },
      { field: 'customerName', headerName: t('deals:field.customerName'), flex: 2, minWidth: 200 },
      { field: 'customerCreditCode', headerName: t('deals:field.customerCreditCode'), width: 190 },
      { field: 'productLine', headerName: t('deals:field.productLine'), width: 120 },
      { field: 'expectedValueMinor', headerName: t('deals:field.expectedValue'), width: 150, type: 'numericColumn', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
      { field: 'quotedPriceMinor', headerName: t('deals:field.quotedPrice'), width: 140, type: 'numericColumn', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
      { field: 'expectedCloseOn', headerName: t('deals:field.expectedCloseOn'), width: 120 },
      { field: 'registeredAt', headerName: t('deals:field.registeredAt'), width: 160, valueFormatter: (p) => formatDateTime(p.value) },
      { field: 'protectedUntil', headerName: t('deals:field.protectedUntil'), width: 120 },
      { colId: 'conflicts', headerName: t('deals:field.conflicts'), width: 90, context: { export: { fields: ['conflicts'], kind: 'count' } }, valueGetter: (p) => p.data?.conflicts.length ?? 0 },
      { field: 'riskCode', headerName: t('deals:field.risk'), width: 100 },
      { field: 'decidedBy', headerName: t('deals:field.decidedBy'), width: 100, valueFormatter: (p) => (p.value === 'auto' ? t('deals:decidedAuto') : (p.value ?? '')) },
    ],
    [t, zh],
  );

  return (
    <div className="page page-fill">
      <h1>{t('deals:title')}</h1>
      {message && <div className="deal-result" data-testid="deal-message">{message}</div>}
      <ErrorBanner error={list.error ?? expire.error} />
      <DataGrid<DealRow>
        exportAs={{ grid: 'deals', query, title: t('common:nav.deals'), fileName: 'deals' }}
        stateKey="deals"
        testId="deals-grid"
        rows={list.data?.rows}
        columns={columns}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => setViewing(r.id)}
        toolbar={
          <>
            <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('deals:field.status')} data-testid="deals-status-filter">
              <option value="">{t('deals:allStatuses')}</option>
              {DEAL_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`deals:status.${s}`)}</option>
              ))}
            </select>
            <label className="inline">
              <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid="deals-mine" /> {t('partners:mine')}
            </label>
            {mine.nobody && <small className="muted">{t('partners:mineNobody')}</small>}
            <button type="button" onClick={() => setSettings(true)} data-testid="deal-settings-open">{t('deals:settings.edit')}</button>
            <button type="button" disabled={expire.isPending} onClick={() => expire.mutate({}, { onSuccess: (r) => setMessage(t('deals:expired', { count: r.expired.length })) })} data-testid="deals-expire">
              {t('deals:expire')}
            </button>
            <button type="button" className="primary" onClick={() => setRegistering(true)} data-testid="deal-register">
              {t('deals:register')}
            </button>
          </>
        }
      />
      {registering && (
        <DealForm
          onClose={() => setRegistering(false)}
          onRegistered={(d) => {
            setRegistering(false);
            if (d.status === 'conflict') setViewing(d.id);
            else setMessage(t('deals:result.approved', { date: d.protectedUntil }));
          }}
        />
      )}
      {viewing != null && <DealView id={viewing} onClose={() => setViewing(null)} />}
      {settings && <DealSettingsForm onClose={() => setSettings(false)} />}
    </div>
  );
}
