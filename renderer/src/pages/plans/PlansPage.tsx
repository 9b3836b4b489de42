import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatMoney } from '../../../../shared/money';
import type { PlanSummary } from '../../../../electron/contract/plans';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PlanDetail } from './PlanDetail';
import { PlanForm } from './PlanForm';
import './plans.css';

/** Target plans (目标计划): the plans, one plan's allocation tree with locks, publish, attainment and forecast. */
export default function PlansPage() {
  const { t } = useTranslation(['plans', 'common']);
  const plans = useOp('plans.list', {});
  const [params, setParams] = useSearchParams();
  const selected = params.get('plan');
  const [adding, setAdding] = useState(false);
  const select = (code: string) => setParams({ plan: code });
  const columns = useMemo<ColDef<PlanSummary>[]>(
    () => [
      { field: 'code', headerName: t('plans:field.code'), width: 140, pinned: 'left' },
      { field: 'name', headerName: t('plans:field.name'), flex: 1, minWidth: 140 },
      { field: 'period', headerName: t('plans:field.period'), width: 100 },
      { field: 'metric', headerName: t('plans:field.metric'), width: 100, valueFormatter: (p) => t(`plans:metric.${p.value}`) },
      {
        colId: 'scope',
        headerName: t('plans:field.scope'),
        width: 180,
        valueGetter: (p) => (p.data ? (p.data.scope.kind === 'all' ? t('plans:scope.all') : `${t(`plans:scope.${p.data.scope.kind}`)}: ${p.data.scope.kind === 'channelType' ? t(`common:channelType.${p.data.scope.value}`) : p.data.scope.value}`) : ''),
      },
      { colId: 'method', headerName: t('plans:field.method'), width: 150, valueGetter: (p) => (p.data ? t(`plans:method.${p.data.rules.method}`) : '') },
      { field: 'totalMinor', headerName: t('plans:field.total'), width: 160, type: 'rightAligned', valueFormatter: (p) => (p.data?.metric === 'sellThroughQuantity' ? (p.value as number).toLocaleString('en-US') : formatMoney(p.value as number)) },
      { field: 'partners', headerName: t('plans:col.partners'), width: 90, type: 'rightAligned' },
      { colId: 'status', headerName: t('plans:col.status'), width: 130, valueGetter: (p) => (p.data ? `${t(`plans:status.${p.data.status}`)}${p.data.publishedVersion ? ` · v${p.data.publishedVersion}` : ''}` : '') },
    ],
    [t],
  );
  return (
    <div className="page">
      <h1>{t('plans:title')}</h1>
      <ErrorBanner error={plans.error} />
      <div className="plan-grid-wrap">
      <DataGrid<PlanSummary>
        stateKey="plans"
        testId="plans-grid"
        rows={plans.data}
        columns={columns}
        height="100%"
        getRowId={(r) => r.code}
        onRowClicked={(r) => select(r.code)}
        toolbar={
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="plan-new">
            {t('plans:new')}
          </button>
        }
      />
      </div>
      {selected ? <PlanDetail key={selected} code={selected} /> : <p className="muted">{plans.data?.length ? t('plans:pick') : t('plans:empty')}</p>}
      {adding && (
        <PlanForm
          onClose={() => setAdding(false)}
          onCreated={(code) => {
            setAdding(false);
            select(code);
          }}
        />
      )}
    </div>
  );
}
