import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutRunRow } from '../../../../electron/contract/incentives';
import { formatMoney } from '../../../../shared/money';
import { useJob, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { JobProgressBar } from '../../components/JobProgressBar';
import { MineToggle } from '../../components/MineToggle';
import { useMine } from '../../mine';
import { RunDetail } from './RunDetail';
import { Payables } from './Payables';

export default function PayoutsPage() {
  const { t } = useTranslation(['payouts', 'common']);
  const mine = useMine('payout-runs');
  const runs = useOp('incentives.payouts.runs', mine.filter, { enabled: mine.ready });
  const programs = useOp('incentives.programs.list', {});
  const calc = useJob('incentives.payouts.calculate');
  const [programCode, setProgramCode] = useState('');
  const [period, setPeriod] = useState('');
  const [selected, setSelected] = useState<number | null>(null);

  const columns = useMemo<ColDef<PayoutRunRow>[]>(
    () => [
      { field: 'id', headerName: t('payouts:field.id'), width: 90, pinned: 'left' },
      { field: 'programCode', headerName: t('payouts:field.programCode'), width: 170 },
      { field: 'programName', headerName: t('payouts:field.programName'), flex: 1, minWidth: 200 },
      { field: 'period', headerName: t('payouts:field.period'), width: 110 },
      { field: 'version', headerName: t('payouts:field.version'), width: 105 },
      { field: 'status', headerName: t('payouts:field.status'), width: 110, valueFormatter: (p) => t(`payouts:status.${p.value}`) },
      { field: 'totalMinor', headerName: t('payouts:field.totalMinor'), width: 160, type: 'rightAligned', valueFormatter: (p) => formatMoney(p.value ?? 0, p.data?.currency) },
      { field: 'partnerCount', headerName: t('payouts:field.partnerCount'), width: 100 },
      { field: 'openInquiries', headerName: t('payouts:field.openInquiries'), width: 120 },
      { field: 'calculatedAt', headerName: t('payouts:field.calculatedAt'), width: 180, valueFormatter: (p) => formatDateTime(p.value) },
      { field: 'paymentRef', headerName: t('payouts:field.paymentRef'), width: 150 },
    ],
    [t],
  );

  if (selected != null) return <RunDetail runId={selected} onBack={() => setSelected(null)} onOpen={setSelected} />;

  const start = async () => {
    const r = await calc.start({ programCode, period });
    if (r) setSelected(r.id);
  };

  return (
    <div className="page page-fill">
      <h1>{t('payouts:title')}</h1>
      <ErrorBanner error={runs.error ?? calc.error} />
      <div className="toolbar-row" data-testid="payout-calc">
        <label>
          {t('payouts:program')}{' '}
          <select value={programCode} onChange={(e) => setProgramCode(e.target.value)} data-testid="payout-program">
            <option value="">—</option>
            {programs.data?.map((p) => (
              <option key={p.id} value={p.code}>
                {p.code} · {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('payouts:period')} <input value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder={t('payouts:periodHint')} size={28} data-testid="payout-period" />
        </label>{' '}
        <button className="primary" disabled={!programCode || !period || calc.running} onClick={() => void start()} data-testid="payout-calculate">
          {t('payouts:calculate')}
        </button>
        {calc.running && <JobProgressBar progress={calc.progress} onCancel={calc.cancel} />}
      </div>
      <DataGrid<PayoutRunRow> exportAs={{ grid: 'payoutRuns', query: mine.filter, title: t('common:nav.payouts'), fileName: 'payout-runs' }} stateKey="payout-runs" testId="payout-runs-grid" rows={runs.data} columns={columns} getRowId={(r) => String(r.id)} onRowClicked={(r) => setSelected(r.id)} toolbar={<MineToggle mine={mine} testId="payout-runs-mine" />} />
      <Payables />
    </div>
  );
}
