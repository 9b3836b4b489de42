import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerritories } from '../../territories';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoney, formatRatio } from '../../format';
import { partnerNameIn } from '../../partnerName';
import { ChannelKpiCards } from '../inventory/ChannelKpiCards';
import { OverdueRisks } from '../risks/OverdueRisks';
import { OpenReviewActions } from '../reviews/OpenReviewActions';
import { ReviewPackBulkExport } from '../reviews/ReviewPackBulkExport';
import { EChart } from '../scorecards/EChart';
import { ExpiryAlerts } from '../training/ExpiryAlerts';

const LEVEL_COLOURS: Record<string, string> = { low: '#7fb77e', medium: '#f2c14e', high: '#f08a4b', critical: '#d64541' };

/**
 * Start page: counts, then the evaluated period's charts — revenue by channel type and by region, revenue trend per
 * channel type, attainment distribution, grades, top and bottom partners, open risks by level. Every segment links to
 * the rows behind it (scorecards filtered through URL parameters, the partner page, sales of a period, the risk register).
 */
export default function DashboardPage() {
  const { t, i18n } = useTranslation(['dashboard', 'common', 'scorecards']);
  const territories = useTerritories();
  // Revenue axes in yuan, compact in the app's language (¥1.2亿 / ¥120M); tooltips to the fen.
  const compact = useMemo(() => new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 }), [i18n.language]);
  const moneyAxis = useMemo(() => ({ type: 'value' as const, axisLabel: { formatter: (v: number) => `¥${compact.format(v)}` } }), [compact]);
  const moneyTooltip = useMemo(() => ({ valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(Math.round(v * 100)) : String(v)) }), []);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const info = useOp('system.info', {});
  const coverage = useOp('territories.coverage.kpi', {});
  const summary = useOp('evaluations.dashboard.summary', { period: params.get('period') || undefined });
  const s = summary.data;
  const period = s?.period ?? '';
  // A period from a link or a typed URL that was never evaluated: shown as chosen, with the reason the charts are empty.
  const evaluated = !s?.period || s.periods.some((p) => p.period === s.period);
  const toCards = (extra: Record<string, string>) => navigate(`/scorecards?${new URLSearchParams({ period, ...extra }).toString()}`);

  const channelSegs = (s?.byChannel ?? []).map((c) => ({ key: c.channelType, label: t(`common:channelType.${c.channelType}`), value: formatMoney(c.revenueMinor), onClick: () => toCards({ channel: c.channelType }) }));
  const regionSegs = (s?.byRegion ?? []).map((c) => ({ key: c.region, label: territories.name(c.region), value: formatMoney(c.revenueMinor), onClick: () => toCards({ region: c.region }) }));
  const attSegs = (s?.attainment ?? []).map((b) => ({
    key: b.bucket,
    label: t(`dashboard:bucket.${b.bucket}`),
    value: String(b.partners),
    onClick: () => toCards({ ...(b.min !== null ? { attMin: String(Math.round(b.min * 100)) } : {}), ...(b.max !== null ? { attMax: String(Math.round(b.max * 100)) } : {}) }),
  }));
  const gradeSegs = (s?.grades ?? []).map((g) => ({ key: g.grade, label: g.grade, value: String(g.partners), onClick: () => toCards({ grade: g.grade }) }));
  const riskSegs = (s?.risksByLevel ?? []).map((r) => ({ key: r.level, label: t(`dashboard:level.${r.level}`), value: String(r.risks), onClick: () => navigate(`/risks?level=${r.level}&basis=residual`) }));
  const partnerSegs = (list: NonNullable<typeof s>['top']) =>
    list.map((p) => ({ key: p.partnerCode, label: `${p.partnerCode} ${partnerNameIn(i18n.language.startsWith('zh'), p)}`, value: `${p.healthScore.toFixed(1)} ${p.grade}`, onClick: () => navigate(`/partners/${p.partnerId}`) }));
  const trendSegs = (s?.trend.periods ?? []).map((p) => ({ key: p, label: p, onClick: () => navigate(`/scorecards?period=${encodeURIComponent(p)}`) }));

  /** `range`: a fixed value axis, so two charts of the same measure (top and bottom partners' health score) compare at a glance. */
  const bar = (segs: Array<{ key: string; label: string }>, values: number[], horizontal = false, colours?: string[], money = false, range?: [number, number]): EChartsOption => {
    // Horizontal bars carry partner names: give them room, and end a long one with "…" rather than running off the chart.
    const category = {
      type: 'category' as const,
      data: segs.map((x) => x.label),
      axisLabel: horizontal ? { interval: 0, width: 170, overflow: 'truncate' as const } : { interval: 0, rotate: 30, width: 120, overflow: 'truncate' as const },
    };
    const value = money ? moneyAxis : { type: 'value' as const, ...(range ? { min: range[0], max: range[1] } : {}) };
    return {
      animation: false,
      tooltip: money ? moneyTooltip : {},
      // Slanted category labels (channel types, regions) need the height of their longest word below the axis.
      grid: { left: horizontal ? 180 : 60, right: 16, top: 16, bottom: horizontal ? 28 : 76 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: [{ type: 'bar', data: values.map((v, i) => ({ value: v, key: segs[i].key, itemStyle: colours ? { color: colours[i] } : undefined })) }],
    };
  };

  const trendOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const, ...moneyTooltip },
      // echarts 6 puts legends at the bottom, over the axis labels: keep it on top, every entry visible (wrapping to a
      // second row rather than paging), the plot below both rows.
      legend: { type: 'plain' as const, top: 0, itemGap: 8, itemWidth: 16, data: (s?.trend.series ?? []).map((x) => t(`common:channelType.${x.channelType}`)) },
      grid: { left: 70, right: 16, top: 60, bottom: 28 },
      xAxis: { type: 'category' as const, data: s?.trend.periods ?? [] },
      yAxis: moneyAxis,
      series: (s?.trend.series ?? []).map((x) => ({ name: t(`common:channelType.${x.channelType}`), type: 'line' as const, data: x.revenueMinor.map((v) => v / 100) })),
    }),
    [s, t, moneyAxis, moneyTooltip],
  );

  return (
    <div className="page">
      <h1>{t('common:nav.dashboard')}</h1>
      {info.data && (
        <div className="cards">
          {(['partners', 'sales_lines', 'training_records', 'risks', 'payout_runs'] as const).map((k) => (
            <div className="card" key={k} data-testid={`count-${k}`}>
              <div className="card-value">{(info.data.counts[k] ?? 0).toLocaleString()}</div>
              <div className="card-label">{t(`dashboard:counts.${k}`)}</div>
            </div>
          ))}
          {coverage.data && (
            <a className="card" href="#/territories" data-testid="dashboard-coverage" style={{ color: 'inherit', textDecoration: 'none' }}>
              <div className="card-value">{formatRatio(coverage.data.ratio)}</div>
              <div className="card-label">{t('dashboard:coverage', { gaps: coverage.data.gaps })}</div>
            </a>
          )}
        </div>
      )}
      {/* What needs doing, each list scrolling inside its card, so the period's charts start on the first screen. */}
      <div className="dashboard-alerts">
        <ExpiryAlerts />
        <OverdueRisks />
        <OpenReviewActions />
      </div>
      <ErrorBanner error={summary.error} />
      <div className="toolbar-row">
        <label className="inline">
          {t('dashboard:period')}
          <select value={period} onChange={(e) => setParams({ period: e.target.value }, { replace: true })} data-testid="dashboard-period">
            {s && s.period && !evaluated && <option value={s.period}>{s.period}</option>}
            {s?.periods.map((p) => (
              <option key={p.period} value={p.period}>
                {p.period}
              </option>
            ))}
          </select>
        </label>
        {s && s.period && !evaluated && (
          <span className="warning-text" data-testid="dashboard-not-evaluated">
            {t('dashboard:notEvaluated', { period: s.period })}
          </span>
        )}
        {s && s.period && (
          <span className="muted">
            {t('dashboard:summaryLine', { partners: s.partners, revenue: formatMoney(s.revenueMinor), noTarget: s.noTarget })}
          </span>
        )}
      </div>
      {s && !s.period && <p className="muted" data-testid="dashboard-empty">{t('dashboard:noEvaluations')}</p>}
      {s && s.period && (
        <div className="chart-grid">
          <EChart testId="chart-channel" title={t('dashboard:chart.byChannel')} option={bar(channelSegs, s.byChannel.map((c) => c.revenueMinor / 100), false, undefined, true)} segments={channelSegs} />
          <EChart testId="chart-region" title={t('dashboard:chart.byRegion')} option={bar(regionSegs, s.byRegion.map((c) => c.revenueMinor / 100), false, undefined, true)} segments={regionSegs} />
          <EChart testId="chart-trend" title={t('dashboard:chart.trend')} option={trendOption} segments={trendSegs} />
          <EChart testId="chart-attainment" title={t('dashboard:chart.attainment')} option={bar(attSegs, s.attainment.map((b) => b.partners))} segments={attSegs} />
          <EChart testId="chart-grades" title={t('dashboard:chart.grades')} option={bar(gradeSegs, s.grades.map((g) => g.partners), false, ['#2e7d32', '#7cb342', '#f9a825', '#c62828'])} segments={gradeSegs} />
          <EChart testId="chart-risks" title={t('dashboard:chart.risks')} option={bar(riskSegs, s.risksByLevel.map((r) => r.risks), false, s.risksByLevel.map((r) => LEVEL_COLOURS[r.level]))} segments={riskSegs} />
          <EChart testId="chart-top" title={t('dashboard:chart.top')} option={bar(partnerSegs(s.top), s.top.map((p) => p.healthScore), true, undefined, false, [0, 100])} segments={partnerSegs(s.top)} />
          <EChart testId="chart-bottom" title={t('dashboard:chart.bottom')} option={bar(partnerSegs(s.bottom), s.bottom.map((p) => p.healthScore), true, undefined, false, [0, 100])} segments={partnerSegs(s.bottom)} />
        </div>
      )}
      {s && s.period && <ChannelKpiCards period={s.period} />}
      <ReviewPackBulkExport />
      <p className="muted">
        {t('common:app.workspace')}: <code>{info.data?.path}</code>
      </p>
    </div>
  );
}
