import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import type { InventoryTrendPoint } from '../../../../electron/contract/inventory';

/**
 * Sell-in (bars) against sell-through and closing stock (lines) per month: the Inventory page's company chart and the
 * partner page's Inventory tab draw the same picture. A month before the first stock report has no closing stock —
 * a gap in the line, not a zero.
 */
export function trendChartOption(points: readonly InventoryTrendPoint[], t: TFunction, thisMonth?: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
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
