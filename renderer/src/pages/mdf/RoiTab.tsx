import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EChart } from '../scorecards/EChart';
import { money, pct } from './mdfUi';

/** What the money returned: per request, per fund, per activity type over time. */
export function RoiTab() {
  const { t } = useTranslation(['mdf', 'common']);
  const funds = useOp('mdf.funds.list', {});
  const [fundCode, setFundCode] = useState('');
  const [weeks, setWeeks] = useState(4);
  const roi = useOp('mdf.roi', { fundCode: fundCode || undefined, weeksAfter: weeks });
  const r = roi.data;
  const option = useMemo<EChartsOption | null>(() => {
    if (!r?.byActivity.length) return null;
    const periods = [...new Set(r.byActivity.map((b) => b.period))].sort();
    const types = [...new Set(r.byActivity.map((b) => b.activityType))];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: 'ROI %' },
      series: types.map((a) => ({
        name: t(`mdf:activity.${a}`),
        type: 'bar',
        barMaxWidth: 48,
        data: periods.map((p) => {
          const v = r.byActivity.find((b) => b.activityType === a && b.period === p)?.roi;
          return v == null ? null : Math.round(v * 1000) / 10;
        }),
      })),
    };
  }, [r, t]);
  const c = r?.currency ?? 'CNY';
  return (
    <div className="mdf-roi">
      <div className="toolbar mdf-toolbar">
        <select value={fundCode} onChange={(e) => setFundCode(e.target.value)} data-testid="mdf-roi-fund" aria-label={t('mdf:fund.title')}>
          <option value="">{t('mdf:allFunds')}</option>
          {funds.data?.map((f) => (
            <option key={f.id} value={f.code}>{f.code} {f.name}</option>
          ))}
        </select>
        <label className="inline">
          {t('mdf:roi.weeksAfter')} <input type="number" min={0} max={52} value={weeks} onChange={(e) => setWeeks(Math.max(0, Math.min(52, Number(e.target.value) || 0)))} style={{ width: 60 }} />
        </label>
      </div>
      <ErrorBanner error={roi.error} />
      <p className="muted">{t('mdf:roi.explain')}</p>
      {r && (
        <>
          <div className="mdf-balances">
            <div className="mdf-figure"><span className="muted">{t('mdf:roi.cost')}</span><strong>{money(r.totals.costMinor, c)}</strong></div>
            <div className="mdf-figure"><span className="muted">{t('mdf:roi.uplift')}</span><strong>{money(r.totals.upliftMinor, c)}</strong></div>
            <div className="mdf-figure"><span className="muted">{t('mdf:roi.incremental')}</span><strong>{r.totals.incrementalMinor == null ? '—' : money(r.totals.incrementalMinor, c)}</strong></div>
            <div className="mdf-figure"><span className="muted">ROI</span><strong data-testid="mdf-roi-total">{pct(r.totals.roi)}</strong></div>
          </div>
          {option && <EChart option={option} testId="mdf-roi-chart" height={220} />}
          <table className="mdf-table" data-testid="mdf-roi-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('mdf:partner')}</th>
                <th>{t('mdf:request.activity')}</th>
                <th>{t('mdf:roi.window')}</th>
                <th>{t('mdf:roi.revenue')}</th>
                <th>{t('mdf:roi.lastYear')}</th>
                <th>{t('mdf:roi.comparables')}</th>
                <th>{t('mdf:roi.incremental')}</th>
                <th>{t('mdf:roi.cost')}</th>
                <th>ROI</th>
              </tr>
            </thead>
            <tbody>
              {r.requests.map((q) => (
                <tr key={q.requestId}>
                  <td>{q.requestId}</td>
                  <td>{q.partnerCode}</td>
                  <td>{t(`mdf:activity.${q.activityType}`)}</td>
                  <td>{q.window.from} – {q.window.to}</td>
                  <td className="num">{money(q.window.revenueMinor, c)}</td>
                  <td className="num">{money(q.lastYear.revenueMinor, c)}</td>
                  <td className="num">{q.comparableCount ? `${q.comparableCount} · ${money(q.comparableLastYearMinor, c)} → ${money(q.comparableWindowMinor, c)}` : '—'}</td>
                  <td className="num">{q.incrementalMinor == null ? '—' : money(q.incrementalMinor, c)}</td>
                  <td className="num">{money(q.costMinor, c)}</td>
                  <td className="num">{pct(q.roi)}</td>
                </tr>
              ))}
              {!r.requests.length && (
                <tr>
                  <td colSpan={10} className="muted">{t('mdf:roi.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
