import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdfRequestView } from '../../../../electron/contract/mdf';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MineToggle } from '../../components/MineToggle';
import { useMine } from '../../mine';
import { ClaimForm } from './ClaimForm';
import { RequestDecision } from './RequestDecision';
import { RequestForm } from './RequestForm';
import { money } from './mdfUi';
import { codeNameExport, partnerNameIn } from '../../partnerName';

export function RequestsTab() {
  const { t, i18n } = useTranslation(['mdf', 'common']);
  const zh = i18n.language.startsWith('zh');
  const mine = useMine('mdf-requests');
  const list = useOp('mdf.requests.list', mine.filter, { enabled: mine.ready });
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<MdfRequestView | null>(null);
  const [claiming, setClaiming] = useState<MdfRequestView | null>(null);
  const columns = useMemo<ColDef<MdfRequestView>[]>(
    () => [
      { field: 'id', headerName: '#', width: 70, pinned: 'left' },
      { field: 'status', headerName: t('mdf:status'), width: 100, cellRenderer: (p: { value: string }) => <span className={`mdf-status ${p.value}`}>{t(`mdf:requestStatus.${p.value}`)}</span>, filterValueGetter: (p) => t(`mdf:requestStatus.${p.data?.status}`) },
      { field: 'fundCode', headerName: t('mdf:fund.title'), width: 110 },
      { colId: 'partner', headerName: t('mdf:partner'), width: 180, context: { export: codeNameExport(zh) }, valueGetter: (p) => `${p.data?.partnerCode} ${partnerNameIn(zh, p.data)}` },
      { field: 'activityType', headerName: t('mdf:request.activity'), width: 120, valueFormatter: (p) => t(`mdf:activity.${p.value}`) },
      { field: 'title', headerName: t('mdf:request.title'), flex: 1, minWidth: 140 },
      { headerName: t('mdf:request.dates'), width: 190, valueGetter: (p) => `${p.data?.startsOn} – ${p.data?.endsOn}` },
      { field: 'amountMinor', headerName: t('mdf:request.amount'), width: 130, type: 'numericColumn', valueFormatter: (p) => money(p.value, p.data?.currency ?? 'CNY') },
      { field: 'share', headerName: t('mdf:request.share'), width: 90, type: 'numericColumn', valueFormatter: (p) => `${Number((p.value * 100).toFixed(2))} %` },
      { field: 'approvedMinor', headerName: t('mdf:request.approvedAmount'), width: 130, type: 'numericColumn', valueFormatter: (p) => money(p.value, p.data?.currency ?? 'CNY') },
      { field: 'committedMinor', headerName: t('mdf:request.committed'), width: 130, type: 'numericColumn', valueFormatter: (p) => money(p.value, p.data?.currency ?? 'CNY') },
      { field: 'claimBy', headerName: t('mdf:request.claimBy'), width: 110 },
      { field: 'rejectReason', headerName: t('mdf:rejectReason'), width: 160 },
      {
        headerName: '',
        width: 110,
        pinned: 'right',
        sortable: false,
        filter: false,
        cellRenderer: (p: { data?: MdfRequestView }) =>
          p.data?.status === 'pending' ? (
            <button type="button" onClick={() => setDeciding(p.data!)} data-testid={`mdf-decide-${p.data.id}`}>{t('mdf:decide')}</button>
          ) : p.data?.status === 'approved' ? (
            <button type="button" onClick={() => setClaiming(p.data!)} data-testid={`mdf-claim-${p.data.id}`}>{t('mdf:claim.new')}</button>
          ) : null,
      },
    ],
    [t, zh],
  );
  return (
    <div className="mdf-requests page-fill">
      <ErrorBanner error={list.error} />
      <DataGrid<MdfRequestView>
        stateKey="mdf-requests"
        testId="mdf-requests-grid"
        rows={list.data}
        columns={columns}
        getRowId={(r) => String(r.id)}
        toolbar={
          <>
            <MineToggle mine={mine} testId="mdf-requests-mine" />
            <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="mdf-request-new">
              {t('mdf:request.new')}
            </button>
          </>
        }
      />
      {adding && <RequestForm onClose={() => setAdding(false)} />}
      {deciding && <RequestDecision request={deciding} onClose={() => setDeciding(null)} />}
      {claiming && <ClaimForm request={claiming} onClose={() => setClaiming(null)} />}
    </div>
  );
}
