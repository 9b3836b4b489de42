import type { ColDef } from 'ag-grid-community';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdfBalance, MdfBurnPoint, MdfFundView } from '../../../../electron/contract/mdf';
import { useMutationOp, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EChart } from '../scorecards/EChart';
import { FundForm } from './FundForm';
import { money } from './mdfUi';

const BALANCE_KEYS: Array<keyof MdfBalance> = ['budgetMinor', 'allocatedMinor', 'requestedMinor', 'approvedMinor', 'claimedMinor', 'paidMinor', 'expiredMinor', 'remainingMinor'];

/** Balances of one fund as figures, its burn-down and its allocations. */
function FundDetail({ fundId }: { fundId: number }) {
  const { t } = useTranslation(['mdf', 'common']);
  const detail = useOp('mdf.funds.get', { fundId });
  const allocate = useMutationOp('mdf.allocate');
  const f = detail.data;
  const option = useMemo<EChartsOption | null>(() => {
    if (!f) return null;
    const yuan = (v: number) => v / 100;
    const line = (name: string, pick: (p: MdfBurnPoint) => number, area = false) => ({
      name,
      type: 'line' as const,
      step: 'end' as const,
      data: f.burnDown.map((p) => [p.date, yuan(pick(p))]),
      ...(area ? { areaStyle: { opacity: 0.15 } } : {}),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'time', min: f.startsOn, max: [f.endsOn, f.claimDeadline].sort()[1] },
      yAxis: { type: 'value', name: f.currency },
      series: [
        line(t('mdf:balance.remainingMinor'), (p) => p.remainingMinor, true),
        line(t('mdf:balance.approvedMinor'), (p) => p.approvedMinor),
        line(t('mdf:balance.claimedMinor'), (p) => p.claimedMinor),
        line(t('mdf:balance.paidMinor'), (p) => p.paidMinor),
      ],
    };
  }, [f, t]);
  if (!f) return <ErrorBanner error={detail.error} />;
  return (
    <section className="mdf-fund-detail" data-testid="mdf-fund-detail">
      <h2>
        {f.code} · {f.name} <span className="muted">{f.period} · {f.currency} · {t('mdf:fund.claimDeadline')} {f.claimDeadline}</span>
      </h2>
      <div className="mdf-balances">
        {BALANCE_KEYS.map((k) => (
          <div key={k} className={`mdf-figure ${k}`} data-testid={`mdf-balance-${k}`}>
            <span className="muted">{t(`mdf:balance.${k}`)}</span>
            <strong>{money(f.balance[k], f.currency)}</strong>
          </div>
        ))}
      </div>
      {option && <EChart option={option} testId="mdf-burndown" height={240} title={t('mdf:burnDown')} />}
      <h3>{t('mdf:allocations')}</h3>
      <ErrorBanner error={allocate.error} />
      <button type="button" disabled={allocate.isPending} onClick={() => allocate.mutate({ fundId: f.id, method: 'pro_rata' })} data-testid="mdf-allocate-pro-rata">
        {t('mdf:allocateProRata')}
      </button>
      <table className="mdf-table">
        <thead>
          <tr>
            <th>{t('mdf:partner')}</th>
            <th>{t('mdf:allocation.amount')}</th>
            <th>{t('mdf:allocation.method')}</th>
            <th>{t('mdf:allocation.basis')}</th>
            <th>{t('mdf:allocation.committed')}</th>
          </tr>
        </thead>
        <tbody>
          {f.allocations.map((a) => (
            <tr key={a.id}>
              <td>{a.partnerCode} {a.partnerName}</td>
              <td className="num">{money(a.amountMinor, f.currency)}</td>
              <td>{t(`mdf:method.${a.method}`)}</td>
              <td className="num">{a.basisMinor != null ? `${money(a.basisMinor, f.currency)} (${a.basisPeriod})` : ''}</td>
              <td className="num">{money(a.committedMinor, f.currency)}</td>
            </tr>
          ))}
          {!f.allocations.length && (
            <tr>
              <td colSpan={5} className="muted">{t('mdf:noAllocations')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

export function FundsTab() {
  const { t } = useTranslation(['mdf', 'common']);
  const funds = useOp('mdf.funds.list', {});
  const expire = useMutationOp('mdf.expire');
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const columns = useMemo<ColDef<MdfFundView>[]>(
    () => [
      { field: 'code', headerName: t('mdf:fund.code'), width: 120, pinned: 'left' },
      { field: 'name', headerName: t('mdf:fund.name'), flex: 1, minWidth: 160 },
      { field: 'period', headerName: t('mdf:fund.period'), width: 100 },
      { headerName: t('mdf:fund.scope'), width: 200, valueGetter: (p) => [p.data?.territoryName, p.data?.channelType && t(`common:channelType.${p.data.channelType}`), p.data?.tier && t(`common:tier.${p.data.tier}`), p.data?.partnerCode].filter(Boolean).join(' · ') || t('mdf:any') },
      { field: 'status', headerName: t('mdf:status'), width: 90, valueFormatter: (p) => t(`mdf:fundStatus.${p.value}`) },
      ...(['budgetMinor', 'approvedMinor', 'claimedMinor', 'paidMinor', 'remainingMinor'] as const).map(
        (k): ColDef<MdfFundView> => ({ colId: k, headerName: t(`mdf:balance.${k}`), width: 140, type: 'numericColumn', valueGetter: (p) => p.data?.balance[k], valueFormatter: (p) => money(p.value as number, p.data?.currency ?? 'CNY') }),
      ),
    ],
    [t],
  );
  return (
    <div className="mdf-funds">
      {message && <div className="mdf-message" data-testid="mdf-message">{message}</div>}
      <ErrorBanner error={funds.error ?? expire.error} />
      <div className="mdf-grid-wrap">
        <DataGrid<MdfFundView>
          stateKey="mdf-funds"
          testId="mdf-funds-grid"
          rows={funds.data}
          columns={columns}
          height={260}
          getRowId={(r) => String(r.id)}
          onRowClicked={(r) => setSelected(r.id)}
          toolbar={
            <>
              <button type="button" disabled={expire.isPending} onClick={() => expire.mutate({}, { onSuccess: (r) => setMessage(t('mdf:expired', { count: r.expired.length })) })} data-testid="mdf-expire">
                {t('mdf:expire')}
              </button>
              <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="mdf-fund-new">
                {t('mdf:fund.new')}
              </button>
            </>
          }
        />
      </div>
      {selected != null ? <FundDetail fundId={selected} /> : <p className="muted">{t('mdf:pickFund')}</p>}
      {adding && <FundForm onClose={() => setAdding(false)} />}
    </div>
  );
}
