import { BarChart, HeatmapChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import ReactEChartsCoreModule from 'echarts-for-react/lib/core';
import { useMemo, useRef } from 'react';
import './scorecards.css';

// echarts-for-react is CommonJS: depending on the bundler its default export arrives wrapped once more.
const ReactEChartsCore = ((ReactEChartsCoreModule as unknown as { default?: typeof ReactEChartsCoreModule }).default ?? ReactEChartsCoreModule) as typeof ReactEChartsCoreModule;

echarts.use([BarChart, HeatmapChart, LineChart, PieChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface Segment {
  /** Stable key (code value): also the test id suffix. */
  key: string;
  label: string;
  value?: string;
  onClick?: () => void;
}

/**
 * An echarts chart whose segments (bars, slices, points) are clickable, plus the same segments as a list of buttons
 * under it: keyboard- and screen-reader-accessible, and what tests click (a canvas has no DOM elements to click).
 * A click on the canvas is matched to a segment by the data item's name or, failing that, its index.
 */
/** `listSegments` false: the segments only map canvas clicks (the page lists them itself, e.g. as a table). */
export function EChart({ option, segments, height = 260, testId, title, listSegments = true }: { option: EChartsOption; segments?: Segment[]; height?: number; testId: string; title?: string; listSegments?: boolean }) {
  // Stable handlers (a new onEvents object would make echarts-for-react re-create the chart); the latest segments via a ref.
  const latest = useRef(segments);
  latest.current = segments;
  const onEvents = useMemo(
    () => ({
      click: (p: { name?: string; dataIndex?: number; seriesName?: string; data?: { key?: string } }) => {
        const segments = latest.current;
        if (!segments) return;
        const s = segments.find((x) => x.key === p.data?.key) ?? segments.find((x) => x.label === p.name) ?? (p.dataIndex !== undefined ? segments[p.dataIndex] : undefined);
        s?.onClick?.();
      },
    }),
    [],
  );
  const figure = useRef<HTMLElement>(null);
  return (
    // The echarts instance is also reachable as the figure's `__chart` property (tests convert data to pixels with it).
    <figure className="chart" data-testid={testId} ref={figure}>
      {title && <figcaption className="chart-title">{title}</figcaption>}
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%' }} onEvents={onEvents}
        onChartReady={(c: unknown) => {
          if (figure.current) (figure.current as HTMLElement & { __chart?: unknown }).__chart = c;
        }}
      />
      {listSegments && segments && segments.length > 0 && (
        <ul className="chart-segments" aria-label={title}>
          {segments.map((s) => (
            <li key={s.key}>
              {s.onClick ? (
                <button type="button" className="link" onClick={s.onClick} data-testid={`${testId}-seg-${s.key}`}>
                  {s.label}
                </button>
              ) : (
                <span>{s.label}</span>
              )}
              {s.value !== undefined && <span className="muted"> {s.value}</span>}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** Money in minor units → a short major-unit label (¥1.2万 style kept simple: grouped thousands, no decimals). */
export const major = (minor: number) => Math.round(minor / 100).toLocaleString();
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
