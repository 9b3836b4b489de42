import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useToday } from '../../today';
import { EChart } from '../scorecards/EChart';
import { trendChartOption } from './trendChart';

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString(undefined, { maximumFractionDigits: 3 }));

/**
 * The partner page's Inventory tab: the partner's sell-in against its sell-through and its closing stock per month,
 * the last 12 months up to today's (the workspace clock), as the Inventory page's company chart — from the per
 * partner × month summaries and its stock reports — with the same figures in a table under it.
 */
export function PartnerInventorySection({ partnerCode }: { partnerCode: string }) {
  const { t } = useTranslation(['inventory', 'common']);
  const today = useToday();
  const trend = useOp('inventory.trend', { to: today.slice(0, 7), months: 12, partnerCode }, { retry: false });
  const points = useMemo(() => trend.data ?? [], [trend.data]);
  const empty = trend.data !== undefined && points.every((p) => p.sellInQuantity === 0 && p.sellThroughQuantity === 0 && p.closingStock === null);
  const option = useMemo(() => trendChartOption(points, t), [points, t]);
  return (
    <section data-testid="partner-inventory">
      <h2>{t('inventory:partnerTrend.title')}</h2>
      <ErrorBanner error={trend.error} />
      {empty ? (
        <p className="muted" data-testid="partner-inventory-none">
          {t('inventory:partnerTrend.none')}
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
                  <td>{p.month}</td>
                  <td style={{ textAlign: 'right' }}>{num(p.sellInQuantity)}</td>
                  <td style={{ textAlign: 'right' }}>{num(p.sellThroughQuantity)}</td>
                  <td style={{ textAlign: 'right' }}>{num(p.closingStock)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('inventory:partnerTrend.note')}</p>
        </>
      )}
    </section>
  );
}
