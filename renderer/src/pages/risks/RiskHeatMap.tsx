import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeatMapResult } from '../../../../electron/contract/risks';
import { LEVEL_COLOURS, LEVEL_INDEX, SCALE } from './riskUi';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface Cell {
  likelihood: number;
  impact: number;
}

/**
 * The 5×5 heat map: an echarts heatmap (impact across, likelihood up, colour by level, label = count) and the same cells
 * as an HTML table (keyboard- and screen-reader-accessible). Clicking a cell in either selects it.
 */
export function RiskHeatMap({ data, selected, onSelect }: { data: HeatMapResult | undefined; selected: Cell | null; onSelect: (c: Cell | null) => void }) {
  const { t } = useTranslation('risks');
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => {
      const v = (p.data as { value: number[] } | undefined)?.value;
      if (v) onSelectRef.current({ impact: v[0] + 1, likelihood: v[1] + 1 });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || !data) return;
    const labels = SCALE.map(String);
    c.setOption(
      {
        animation: false,
        tooltip: {
          formatter: (p: { value: number[] }) => t('heatMap.cell', { likelihood: p.value[1] + 1, impact: p.value[0] + 1, count: p.value[2] }),
        },
        grid: { left: 56, right: 12, top: 12, bottom: 48 },
        xAxis: { type: 'category', data: labels, name: t('heatMap.impact'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
        yAxis: { type: 'category', data: labels, name: t('heatMap.likelihood'), nameLocation: 'middle', nameGap: 32, splitArea: { show: true } },
        visualMap: {
          show: false,
          type: 'piecewise',
          dimension: 3,
          pieces: (['low', 'medium', 'high', 'critical'] as const).map((l) => ({ value: LEVEL_INDEX[l], color: LEVEL_COLOURS[l] })),
        },
        series: [
          {
            type: 'heatmap',
            data: data.cells.map((cell) => {
              const isSel = selected && selected.likelihood === cell.likelihood && selected.impact === cell.impact;
              return {
                value: [cell.impact - 1, cell.likelihood - 1, cell.count, LEVEL_INDEX[cell.level]],
                itemStyle: isSel ? { borderColor: '#1f2430', borderWidth: 3 } : { borderColor: '#fff', borderWidth: 1 },
              };
            }),
            label: { show: true, formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : '') , fontWeight: 'bold' },
            emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.3)' } },
          },
        ],
      },
      true,
    );
  }, [data, selected, t]);

  const count = (l: number, i: number) => data?.cells.find((c) => c.likelihood === l && c.impact === i);
  return (
    <div data-testid="risk-heatmap" data-loaded={data ? "true" : "false"} data-total={data?.total ?? 0}>
      <div ref={el} className="heat-chart" aria-hidden="true" />
      <table className="heat-table" data-testid="risk-heatmap-table">
        <caption>{t('heatMap.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('heatMap.likelihood')} \ {t('heatMap.impact')}</th>
            {SCALE.map((i) => (
              <th key={i} scope="col">{i}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...SCALE].reverse().map((l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {SCALE.map((i) => {
                const c = count(l, i);
                const isSel = selected?.likelihood === l && selected?.impact === i;
                return (
                  <td key={i}>
                    <button
                      type="button"
                      className={`level-${c?.level ?? 'low'}${isSel ? ' selected' : ''}`}
                      data-testid={`risk-cell-${l}-${i}`}
                      data-count={c?.count ?? 0}
                      aria-pressed={isSel}
                      aria-label={t('heatMap.cell', { likelihood: l, impact: i, count: c?.count ?? 0 })}
                      onClick={() => onSelect(isSel ? null : { likelihood: l, impact: i })}
                    >
                      {c?.count ?? 0}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
