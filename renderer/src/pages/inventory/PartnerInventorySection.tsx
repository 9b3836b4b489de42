import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useToday } from '../../today';
import { EChart } from '../scorecards/EChart';
import { trendChartOption } from './trendChart';
import { MonthPicker } from '../../components/MonthPicker';

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString(undefined, { maximumFractionDigits: 3 }));

const monthChoices = [6, 12, 24, 36];

/**
 * The partner page's Inventory tab: the partner's sell-in against its sell-through and its closing stock per month,
 * by default the 12 months up to today's (the workspace clock), as the Inventory page's company chart — from the per
 * partner × month summaries and its stock reports — with the same figures in a table under it. The current month is
 * marked: its figures run to today, and a half month must not read as a slump.
 */
export function PartnerInventorySection({ partnerCode }: { partnerCode: string }) {
  const { t } = useTranslation(['inventory', 'common']);
  const today = useToday();
  const thisMonth = today.slice(0, 7);
  const [picked, setTo] = useState<string | null>(null);
  const to = picked ?? thisMonth;
  const [months, setMonths] = useState(12);
  const trend = useOp('inventory.trend', { to, months, partnerCode }, { retry: false });
  const points = useMemo(() => trend.data ?? [], [trend.data]);
  const empty = trend.data !== undefined && points.every((p) => !p.sellInQuantity && !p.sellThroughQuantity && p.closingStock === null);
  const option = useMemo(() => trendChartOption(points, t, thisMonth), [points, t, thisMonth]);
  return (
    <section data-testid="partner-inventory">
      <h2>{t('inventory:partnerTrend.title')}</h2>
      <div className="toolbar-row">
        <label>
          {t('inventory:partnerTrend.to')}{' '}
          <MonthPicker value={to} max={thisMonth} onChange={setTo} testId="partner-inventory-to" />
        </label>
        <label>
          {t('inventory:partnerTrend.months')}{' '}
          <select value={months} onChange={(e) => setMonths(Number(e.target.value))} data-testid="partner-inventory-months">
            {monthChoices.map((n) => (
              <option key={n} value={n}>
                {t('inventory:partnerTrend.monthsOption', { count: n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={trend.error} />
      {empty ? (
        <p className="muted" data-testid="partner-inventory-none">
          {t('inventory:partnerTrend.none', { months, to })}
        </p>
      ) : (
        <>
          <EChart testId="chart-partner-inventory-trend" option={option} listSegments={false} />
          <table className="compare-table" data-testid="partner-inventory-table">
            <thead>
              <tr>
                <th>{t('inventory:partnerTrend.month')}</th>
                <th style={{ textAlign: 'right' }}>{t('inventory:col.sellIn')}</th>
                <th style={{ textAlign: 'right' }}>{t('inventory:col.sellThrough')}</th>
                <th style={{ textAlign: 'right' }}>{t('inventory:col.closingStock')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month} data-testid={`partner-inventory-month-${p.month}`}>
                  <td>
                    {p.month}
                    {p.month === thisMonth && (
                      <span className="muted" data-testid="partner-inventory-to-date">
                        {' '}
                        {t('inventory:partnerTrend.toDate')}
                      </span>
                    )}
                  </td>
                  <td style={{ textAlign: 'right' }} title={p.sellInQuantity === null ? t('inventory:partnerTrend.notReported') : undefined}>
                    {num(p.sellInQuantity)}
                  </td>
                  <td style={{ textAlign: 'right' }} title={p.sellThroughQuantity === null ? t('inventory:partnerTrend.notReported') : undefined}>
                    {num(p.sellThroughQuantity)}
                  </td>
                  <td style={{ textAlign: 'right' }}>{num(p.closingStock)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {points.some((p) => p.month === thisMonth) && <p className="muted">{t('inventory:partnerTrend.toDateNote', { month: thisMonth, today })}</p>}
          <p className="muted">{t('inventory:partnerTrend.note')}</p>
        </>
      )}
    </section>
  );
}
