import type { EChartsOption } from 'echarts';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoney, formatRatio } from '../../format';
import { useFiscalStartMonth } from '../../fiscal';
import { parsePeriod } from '../../../../shared/period';
import { EChart } from '../scorecards/EChart';

/**
 * Cohort retention by first-purchase quarter (echarts heat map, with the same figures as a table) and the new vs repeat
 * revenue of each quarter (stacked bars).
 */
export function CustomerCohorts({ partnerCode, asOf }: { partnerCode: string; asOf: string }) {
  const { t } = useTranslation(['inventory']);
  const data = useOp('inventory.customers.cohorts', { partnerCode, asOf, quarters: 8 }, { retry: false });
  const cohorts = data.data;
  const fiscal = useFiscalStartMonth();
  // The quarter holding asOf runs to asOf only: marked (to date) so that a quarter under way does not read as a slump.
  const partial = useMemo(() => {
    const last = cohorts?.quarters.at(-1);
    return last !== undefined && parsePeriod(last, fiscal.month).end > asOf ? last : null;
  }, [cohorts, asOf, fiscal.month]);
  // A space before the mark, as the trend charts and the partner's inventory table write it: 2026-Q4 (to date) / 2026-Q4 （至今）.
  const mark = t('inventory:partnerTrend.toDate');
  const label = useCallback((q: string) => (q === partial ? `${q} ${mark}` : q), [partial, mark]);

  const heat = useMemo<EChartsOption>(() => {
    if (!cohorts) return {};
    const offsets = cohorts.quarters.map((_, k) => t('inventory:cohorts.offset', { count: k }));
    const cells: Array<[number, number, number, number]> = [];
    cohorts.cohorts.forEach((c, y) => c.rates.forEach((r, k) => c.customers && cells.push([k, y, Math.round(r * 1000) / 10, c.retained[k]])));
    return {
      tooltip: { formatter: (p: unknown) => { const v = (p as { value: number[] }).value; return `${cohorts.cohorts[v[1]].quarter} · ${offsets[v[0]]}: ${v[2]}% (${v[3]})`; } },
      // The axis area fits its longest label: "2026-Q4 （至今） (12)" was cut at a fixed 80 px, losing the mark.
      grid: { left: 8, right: 20, top: 10, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: offsets, splitArea: { show: true } },
      yAxis: { type: 'category', data: cohorts.cohorts.map((c) => `${label(c.quarter)} (${c.customers})`), inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: ['100%', '0%'] },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p: unknown) => `${(p as { value: number[] }).value[2]}%` } }],
    };
  }, [cohorts, t, label]);

  const mix = useMemo<EChartsOption>(() => {
    if (!cohorts) return {};
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('inventory:cohorts.newRevenue'), t('inventory:cohorts.repeatRevenue')] },
      // Every quarter labelled, the mark on a line of its own: side by side, echarts hid labels (the marked one among them).
      grid: { left: 8, right: 20, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cohorts.mix.map((m) => label(m.quarter)), axisLabel: { interval: 0, formatter: (v: string) => v.replace(` ${mark}`, `\n${mark}`) } },
      yAxis: { type: 'value' },
      series: [
        { name: t('inventory:cohorts.newRevenue'), type: 'bar', stack: 'mix', data: cohorts.mix.map((m) => m.newAmountMinor / 100) },
        { name: t('inventory:cohorts.repeatRevenue'), type: 'bar', stack: 'mix', data: cohorts.mix.map((m) => m.repeatAmountMinor / 100) },
      ],
    };
  }, [cohorts, t, label, mark]);

  if (!cohorts) return <ErrorBanner error={data.error} />;
  const any = cohorts.cohorts.some((c) => c.customers > 0) || cohorts.mix.some((m) => m.newCustomers + m.repeatCustomers > 0);
  return (
    <div data-testid="customer-cohorts">
      <h3>{t('inventory:cohorts.title')}</h3>
      <p className="muted">{t('inventory:cohorts.help')}</p>
      {!any ? (
        <p className="muted">{t('inventory:cohorts.none')}</p>
      ) : (
        <>
          <EChart option={heat} height={300} testId="cohort-heatmap" />
          <table className="heat-table" data-testid="cohort-table">
            <thead>
              <tr>
                <th>{t('inventory:cohorts.cohort')}</th>
                <th>{t('inventory:cohorts.customers')}</th>
                {cohorts.quarters.map((_, k) => <th key={k}>{t('inventory:cohorts.offset', { count: k })}</th>)}
              </tr>
            </thead>
            <tbody>
              {cohorts.cohorts.filter((c) => c.customers > 0).map((c) => (
                <tr key={c.quarter} data-testid={`cohort-${c.quarter}`}>
                  <th>{label(c.quarter)}</th>
                  <td className="num">{c.customers}</td>
                  {c.rates.map((r, k) => <td key={k} className="num">{formatRatio(r)} ({c.retained[k]})</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('inventory:cohorts.mixTitle')}</h3>
          <EChart option={mix} height={240} testId="revenue-mix-chart" />
          <table className="heat-table" data-testid="revenue-mix-table">
            <thead>
              <tr>
                <th />
                {cohorts.mix.map((m) => (
                  <th key={m.quarter}>
                    {m.quarter}
                    {m.quarter === partial && (
                      <>
                        {' '}
                        <span data-testid="revenue-mix-to-date">{t('inventory:partnerTrend.toDate')}</span>
                      </>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th>{t('inventory:cohorts.newRevenue')}</th>
                {cohorts.mix.map((m) => <td key={m.quarter} className="num">{formatMoney(m.newAmountMinor)} ({m.newCustomers})</td>)}
              </tr>
              <tr>
                <th>{t('inventory:cohorts.repeatRevenue')}</th>
                {cohorts.mix.map((m) => <td key={m.quarter} className="num">{formatMoney(m.repeatAmountMinor)} ({m.repeatCustomers})</td>)}
              </tr>
              <tr>
                <th>{t('inventory:cohorts.repeatShare')}</th>
                {cohorts.mix.map((m) => <td key={m.quarter} className="num" data-testid={`repeat-share-${m.quarter}`}>{formatRatio(m.repeatShare)}</td>)}
              </tr>
            </tbody>
          </table>
          {partial && <p className="muted" data-testid="cohorts-to-date-note">{t('inventory:cohorts.toDateNote', { quarter: partial, today: asOf })}</p>}
        </>
      )}
    </div>
  );
}
