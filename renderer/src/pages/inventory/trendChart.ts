import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import type { InventoryTrendPoint } from '../../../../electron/contract/inventory';

/**
 * Sell-in (bars) against sell-through and closing stock (lines) per month: the Inventory page's company chart and the
 * partner page's Inventory tab draw the same picture. A month before the first stock report has no closing stock, a
 * month without a sell-through line no sell-through, a month past the latest sales line no sell-in yet — gaps, not zeros.
 */
export function trendChartOption(points: readonly InventoryTrendPoint[], t: TFunction, thisMonth?: string): EChartsOption {
  return {
    // A month nothing was reported for (null: no sell-through line, sales not imported that far) is a gap in its
    // series and reads "not reported" in the tooltip — never a fall to 0 (the current month drew sell-through as 0).
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toLocaleString(undefined, { maximumFractionDigits: 3 }) : t('inventory:partnerTrend.notReported')) },
    legend: { data: [t('inventory:col.sellIn'), t('inventory:col.sellThrough'), t('inventory:col.closingStock')] },
    // The current month is marked: its figures run to today (a half month must not read as a slump).
    xAxis: { type: 'category', data: points.map((p) => (p.month === thisMonth ? `${p.month} ${t('inventory:partnerTrend.toDate')}` : p.month)) },
    yAxis: { type: 'value' },
    series: [
      { name: t('inventory:col.sellIn'), type: 'bar', data: points.map((p) => p.sellInQuantity) },
      { name: t('inventory:col.sellThrough'), type: 'line', data: points.map((p) => p.sellThroughQuantity) },
      { name: t('inventory:col.closingStock'), type: 'line', lineStyle: { type: 'dashed' }, data: points.map((p) => p.closingStock) },
    ],
  };
}
