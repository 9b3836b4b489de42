import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { PackMix, PackTrendPoint, ReviewPackLanguage } from '../../model/reviews';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

/** The chart's text uses this family; the PDF maps it to the embedded CJK font. */
export const CHART_FONT = 'pwb-cjk';
const COLOURS = ['#3b6fb6', '#e08a3c', '#5a9e6f', '#b5485d', '#7d6bb0', '#8c8c8c'];

/** Renders an option server-side (echarts SSR, no DOM) to an SVG document of the given size. */
function toSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLOURS, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Yuan axis labels: 1.2M / 120万 style, compact so long figures fit. */
function compactYuan(lang: ReviewPackLanguage): (v: number) => string {
  return (v: number) => {
    const yuan = v;
    if (lang === 'zh-CN') {
      if (Math.abs(yuan) >= 1e8) return `${+(yuan / 1e8).toFixed(1)}亿`;
      if (Math.abs(yuan) >= 1e4) return `${+(yuan / 1e4).toFixed(1)}万`;
      return String(yuan);
    }
    if (Math.abs(yuan) >= 1e6) return `${+(yuan / 1e6).toFixed(1)}M`;
    if (Math.abs(yuan) >= 1e3) return `${+(yuan / 1e3).toFixed(1)}k`;
    return String(yuan);
  };
}

/** '2026-Q3' → '26-Q3', '2026-09' → '26-09', '2026' → '2026': eight periods fit under a half-page chart. */
const shortPeriod = (label: string) => (label.length > 4 ? label.slice(2) : label);

/** Revenue per period as bars with the target as a line (yuan). */
export function revenueChartSvg(trend: PackTrendPoint[], lang: ReviewPackLanguage, width: number, height: number): string {
  const w = (zh: string, en: string) => (lang === 'zh-CN' ? zh : en);
  return toSvg(
    {
      grid: { left: 56, right: 16, top: 34, bottom: 28 },
      legend: { top: 4, data: [w('营收', 'Revenue'), w('目标', 'Target')], textStyle: { fontSize: 10 } },
      xAxis: { type: 'category', data: trend.map((p) => shortPeriod(p.label)), axisLabel: { fontSize: 8, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 9, formatter: compactYuan(lang) } },
      series: [
        { name: w('营收', 'Revenue'), type: 'bar', barMaxWidth: 28, data: trend.map((p) => p.revenueMinor / 100) },
        { name: w('目标', 'Target'), type: 'line', symbolSize: 5, data: trend.map((p) => (p.targetMinor == null ? null : p.targetMinor / 100)) },
      ],
    },
    width,
    height,
  );
}

/** Attainment per period (%), with the 100 % line. */
export function attainmentChartSvg(trend: PackTrendPoint[], lang: ReviewPackLanguage, width: number, height: number): string {
  const w = (zh: string, en: string) => (lang === 'zh-CN' ? zh : en);
  return toSvg(
    {
      grid: { left: 44, right: 16, top: 34, bottom: 28 },
      legend: { top: 4, data: [w('达成率', 'Attainment')], textStyle: { fontSize: 10 } },
      xAxis: { type: 'category', data: trend.map((p) => shortPeriod(p.label)), axisLabel: { fontSize: 8, interval: 0 } },
      yAxis: { type: 'value', min: 0, axisLabel: { fontSize: 9, formatter: '{value}%' } },
      series: [
        {
          name: w('达成率', 'Attainment'),
          type: 'line',
          symbolSize: 6,
          label: { show: true, fontSize: 8, formatter: (p: { value: unknown }) => (p.value == null ? '' : `${p.value}%`) },
          data: trend.map((p) => (p.attainment == null ? null : Math.round(p.attainment * 1000) / 10)),
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#b5485d', type: 'dashed' }, label: { fontSize: 8, formatter: '100%' }, data: [{ yAxis: 100 }] },
        },
      ],
    },
    width,
    height,
  );
}

/** Revenue share per product category (horizontal bars, %). */
export function mixChartSvg(mix: PackMix, lang: ReviewPackLanguage, width: number, height: number): string {
  const cats = mix.categories.slice(0, 8).reverse();
  return toSvg(
    {
      grid: { left: 96, right: 48, top: 8, bottom: 20 },
      xAxis: { type: 'value', max: 100, axisLabel: { fontSize: 9, formatter: '{value}%' } },
      yAxis: { type: 'category', data: cats.map((c) => c.name), axisLabel: { fontSize: 9 } },
      series: [
        {
          name: lang === 'zh-CN' ? '占比' : 'Share',
          type: 'bar',
          barMaxWidth: 16,
          label: { show: true, position: 'right', fontSize: 8, formatter: '{c}%' },
          data: cats.map((c) => Math.round(c.share * 1000) / 10),
        },
      ],
    },
    width,
    height,
  );
}
