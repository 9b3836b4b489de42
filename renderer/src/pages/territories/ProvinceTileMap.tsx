import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProvinceFigures } from '../../../../electron/contract/territories';
import { formatMoney } from '../../format';
import { EChart, type Segment } from '../scorecards/EChart';
import { placeTiles, TILE_COLUMNS, tileLabel } from './provinceTiles';

export const MEASURES = ['revenue', 'partners', 'coverage', 'health'] as const;
export type Measure = (typeof MEASURES)[number];

/** The figure a tile is coloured by; null: nothing to show (grey tile). */
export function measureOf(p: ProvinceFigures, m: Measure): number | null {
  if (m === 'revenue') return p.revenueMinor / 100;
  if (m === 'partners') return p.activePartners;
  if (m === 'coverage') return p.coverage.ratio;
  return p.healthScore;
}

export function formatMeasure(p: ProvinceFigures, m: Measure): string {
  const v = measureOf(p, m);
  if (v === null) return '—';
  if (m === 'revenue') return formatMoney(p.revenueMinor);
  if (m === 'coverage') return `${(v * 100).toFixed(0)}% (${p.coverage.covered}/${p.coverage.wanted})`;
  if (m === 'health') return v.toFixed(1);
  return String(v);
}

/**
 * The province tile map: one square per provincial division placed roughly where it lies, coloured by the measure
 * (an echarts heatmap on a 9 × 8 grid, no borders drawn). Clicking a tile calls `onPick` with the province's code.
 */
export function ProvinceTileMap({ provinces, measure, onPick }: { provinces: ProvinceFigures[]; measure: Measure; onPick: (code: string) => void }) {
  const { t, i18n } = useTranslation('territories');
  const zh = i18n.language.startsWith('zh');
  // Every province gets a tile: those the company added sit near their territory's (listed in the note below).
  const layout = useMemo(() => placeTiles(provinces), [provinces]);
  const placed = provinces;
  const option = useMemo<EChartsOption>(() => {
    const item = (p: ProvinceFigures) => {
      const [x, y] = layout.tiles.get(p.code)!;
      return { value: [x, y, measureOf(p, measure) ?? 0], key: p.code, name: zh ? p.nameZh : (p.nameEn ?? p.nameZh) };
    };
    const values = placed.map((p) => measureOf(p, measure)).filter((v): v is number => v !== null);
    const max = measure === 'coverage' ? 1 : measure === 'health' ? 100 : Math.max(1, ...values);
    const min = measure === 'health' ? Math.min(60, ...values) : 0;
    const label = {
      show: true,
      // English names are longer than a tile at 1280 px ("Inner Mongolia" ran into Beijing): smaller, a word a line.
      fontSize: zh ? 11 : 10,
      lineHeight: zh ? 14 : 11,
      formatter: (p: { data?: { key?: string } }) => {
        const f = placed.find((x) => x.code === p.data?.key);
        return f ? (zh ? tileLabel(f.nameZh) : (f.nameEn ?? f.nameZh).replace(/ /g, '\n')) : '';
      },
    };
    const colours = measure === 'coverage' || measure === 'health' ? ['#d64541', '#f2c14e', '#2e7d32'] : ['#e8f1fb', '#1f6feb'];
    return {
      animation: false,
      tooltip: {
        formatter: (p: unknown) => {
          const f = placed.find((x) => x.code === (p as { data?: { key?: string } }).data?.key);
          return f ? `${zh ? f.nameZh : (f.nameEn ?? f.nameZh)}<br/>${t(`measure.${measure}`)}: ${formatMeasure(f, measure)}` : '';
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: 48 },
      xAxis: { type: 'category', data: Array.from({ length: TILE_COLUMNS }, (_, i) => i), show: false, splitArea: { show: false } },
      yAxis: { type: 'category', data: Array.from({ length: layout.rows }, (_, i) => i), show: false, inverse: true },
      visualMap: { min, max, seriesIndex: 0, calculable: false, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 120, inRange: { color: colours }, text: [t('legend.high'), t('legend.low')] },
      series: [
        { type: 'heatmap', data: placed.filter((p) => measureOf(p, measure) !== null).map(item), label, itemStyle: { borderColor: '#fff', borderWidth: 3, borderRadius: 4 } },
        // Provinces without the figure (no scorecards there): grey, still clickable.
        {
          type: 'heatmap',
          data: placed.filter((p) => measureOf(p, measure) === null).map(item),
          label,
          itemStyle: { color: '#e5e7eb', borderColor: '#fff', borderWidth: 3, borderRadius: 4 },
        },
      ],
    } as EChartsOption;
  }, [placed, layout, measure, zh, t]);
  const segments: Segment[] = placed.map((p) => ({ key: p.code, label: zh ? p.nameZh : (p.nameEn ?? p.nameZh), onClick: () => onPick(p.code) }));
  const added = layout.added.map((code) => provinces.find((p) => p.code === code)!).map((p) => (zh ? p.nameZh : (p.nameEn ?? p.nameZh)));
  return (
    <div>
      <EChart testId="province-map" title={t('map.title', { measure: t(`measure.${measure}`) })} option={option} segments={segments} listSegments={false} height={440 + (layout.rows - 8) * 50} />
      {added.length > 0 && (
        <p className="muted" data-testid="map-added-note">
          {t('map.added', { count: added.length, names: added.join(zh ? '、' : ', ') })}
        </p>
      )}
    </div>
  );
}
