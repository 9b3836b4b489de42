import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerritories } from '../../territories';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PERIOD_KINDS, type PeriodKind } from '../../../../shared/enums';
import { SCORE_PARTS } from '../../../../electron/contract/evaluations';
import { ManagerHistory } from '../partners/ManagerHistory';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoney } from '../../format';
import { EChart, pct } from './EChart';
import { reasonText } from './reason';
import { PartnerMdfSection } from '../mdf/PartnerMdfSection';
import { PartnerLedgerSection } from '../partners/PartnerLedgerSection';
import { PartnerReviewsSection } from '../reviews/PartnerReviewsSection';
import { PartnerCustomersSection } from '../inventory/PartnerCustomersSection';
import { PartnerInventorySection } from '../inventory/PartnerInventorySection';

/**
 * The partner page's tabs: its scorecards, reviews, ledger and funds; its end customers (RFM, win-back, cohorts); its
 * inventory (sell-in vs sell-through and closing stock per month).
 */
const PARTNER_TABS = ['overview', 'customers', 'inventory'] as const;
type PartnerTab = (typeof PARTNER_TABS)[number];

/** Partner detail: KPI trends over the evaluated periods and a radar of the latest health-score components. */
export default function PartnerScorecardPage() {
  const { t, i18n } = useTranslation(['scorecards', 'common']);
  const territories = useTerritories();
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: PartnerTab = PARTNER_TABS.find((x) => x === params.get('tab')) ?? 'overview';
  const partnerId = Number(id);
  const [kind, setKind] = useState<PeriodKind | undefined>(undefined);
  const partner = useOp('partners.get', { id: partnerId }, { enabled: Number.isInteger(partnerId) && partnerId > 0 });
  const trend = useOp('evaluations.scorecards.partnerTrend', { partnerId, kind }, { enabled: Number.isInteger(partnerId) && partnerId > 0 });
  const points = useMemo(() => trend.data?.points ?? [], [trend.data]);
  const latest = points.at(-1);
  const periods = points.map((p) => p.period);
  const toScorecards = (period: string) => navigate(`/scorecards?period=${encodeURIComponent(period)}`);
  const segs = (fmt: (i: number) => string) => points.map((p, i) => ({ key: p.period, label: p.period, value: fmt(i), onClick: () => toScorecards(p.period) }));

  const revenueOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: [t('scorecards:col.revenue'), t('scorecards:col.target')] },
      grid: { left: 70, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category' as const, data: periods },
      yAxis: { type: 'value' as const },
      series: [
        { name: t('scorecards:col.revenue'), type: 'bar' as const, data: points.map((p) => Math.round(p.revenueMinor / 100)) },
        { name: t('scorecards:col.target'), type: 'line' as const, data: points.map((p) => (p.targetMinor === null ? null : Math.round(p.targetMinor / 100))) },
      ],
    }),
    [points, periods, t],
  );
  const ratioOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: ['attainment', 'growthYoY', 'retention', 'grossMargin'].map((f) => t(`scorecards:fieldName.${f}`)) },
      grid: { left: 50, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category' as const, data: periods },
      yAxis: { type: 'value' as const, axisLabel: { formatter: '{value}%' } },
      series: (['attainment', 'growthYoY', 'retention', 'grossMargin'] as const).map((f) => ({
        name: t(`scorecards:fieldName.${f}`),
        type: 'line' as const,
        connectNulls: false,
        data: points.map((p) => (p[f] === null ? null : Math.round(p[f]! * 1000) / 10)),
      })),
    }),
    [points, periods, t],
  );
  const scoreOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category' as const, data: periods },
      yAxis: { type: 'value' as const, min: 0, max: 100 },
      series: [{ name: t('scorecards:col.healthScore'), type: 'line' as const, data: points.map((p) => p.healthScore), label: { show: true } }],
    }),
    [points, periods, t],
  );
  // Parts that count (weight above 0) in the latest scorecard; a run before a part existed has no weight for it.
  const shownParts = useMemo(() => SCORE_PARTS.filter((p) => (latest?.scoreParts?.weights[p] ?? 0) > 0 || !latest?.scoreParts), [latest]);
  const radarOption = useMemo(() => {
    const parts = latest?.scoreParts?.parts;
    return {
      tooltip: {},
      radar: { indicator: shownParts.map((p) => ({ name: t(`scorecards:part.${p}`), max: 100 })) },
      series: [
        {
          type: 'radar' as const,
          data: parts ? [{ name: latest!.period, value: shownParts.map((p) => (parts[p] == null ? 0 : Math.round(parts[p]! * 100))) }] : [],
        },
      ],
    };
  }, [latest, shownParts, t]);

  const p = partner.data;
  return (
    <div className="page">
      <p className="breadcrumbs">
        <Link to="/partners">← {t('common:nav.partners')}</Link> · <Link to="/scorecards">{t('common:nav.scorecards')}</Link>
        {partner.data && (
          <>
            {' · '}
            <Link to={`/sales?partner=${encodeURIComponent(partner.data.code)}`} data-testid="partner-sales-link">
              {t('common:nav.sales')}
            </Link>
          </>
        )}
      </p>
      <h1 data-testid="partner-detail-title">
        {p ? `${p.code} · ${(!i18n.language.startsWith('zh') && p.nameEn) || p.name}` : '…'}
      </h1>
      {p && (
        <p className="muted">
          {t(`common:channelType.${p.channelType}`)} · {t(`common:tier.${p.tier}`)} · {p.territory ? territories.name(p.territory, p.territoryNameEn) : '—'} · {t(`common:status.${p.status}`)}
        </p>
      )}
      <ErrorBanner error={partner.error ?? trend.error} />
      <div className="tabs" role="tablist">
        {PARTNER_TABS.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'active' : undefined} onClick={() => setParams({ tab: x }, { replace: true })} data-testid={`partner-tab-${x}`}>
            {t(`scorecards:partnerTab.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'customers' ? (
        p && <PartnerCustomersSection partnerCode={p.code} />
      ) : tab === 'inventory' ? (
        p && <PartnerInventorySection partnerCode={p.code} />
      ) : (
        <>
          <label className="inline">
            {t('scorecards:periodKind')}
            <select value={trend.data?.kind ?? ''} onChange={(e) => setKind(e.target.value as PeriodKind)} data-testid="trend-kind">
              {PERIOD_KINDS.filter((k) => trend.data?.kinds.includes(k)).map((k) => (
                <option key={k} value={k}>
                  {t(`scorecards:kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {points.length === 0 && <p className="muted">{t('scorecards:noTrend')}</p>}
          {latest && (
            <div className="cards">
              <div className="card">
                <div className="card-value" data-testid="latest-grade">{latest.grade}</div>
                <div className="card-label">{t('scorecards:col.grade')} · {latest.period}</div>
              </div>
              <div className="card">
                <div className="card-value">{latest.healthScore.toFixed(1)}</div>
                <div className="card-label">{t('scorecards:col.healthScore')}</div>
              </div>
              <div className="card">
                <div className="card-value">{formatMoney(latest.revenueMinor)}</div>
                <div className="card-label">{t('scorecards:col.revenue')}</div>
              </div>
              <div className="card">
                <div className="card-value">{pct(latest.attainment)}</div>
                <div className="card-label">{t('scorecards:col.attainment')}</div>
              </div>
              {latest.recommendationReason && (
                <div className="card">
                  <div className="card-value">{latest.tierRecommendation ? t(`common:tier.${latest.tierRecommendation}`) : '—'}</div>
                  <div className="card-label">{reasonText(t, latest.recommendationReason)}</div>
                </div>
              )}
            </div>
          )}
          {points.length > 0 && (
            <div className="chart-grid">
              <EChart testId="chart-partner-revenue" title={t('scorecards:chart.revenue')} option={revenueOption} segments={segs((i) => formatMoney(points[i].revenueMinor))} />
              <EChart testId="chart-partner-ratios" title={t('scorecards:chart.ratios')} option={ratioOption} />
              <EChart testId="chart-partner-score" title={t('scorecards:chart.score')} option={scoreOption} segments={segs((i) => `${points[i].healthScore.toFixed(1)} ${points[i].grade}`)} />
              <EChart
                testId="chart-partner-radar"
                title={t('scorecards:chart.radar', { period: latest?.period ?? '' })}
                option={radarOption}
                segments={shownParts.map((part) => ({
                  key: part,
                  label: t(`scorecards:part.${part}`),
                  value: latest?.scoreParts?.parts[part] == null ? t('scorecards:notMeasured') : `${Math.round(latest.scoreParts.parts[part]! * 100)} × ${latest.scoreParts.weights[part]}`,
                }))}
              />
            </div>
          )}
          {p && <PartnerReviewsSection partnerId={p.id} partnerCode={p.code} />}
          {p && <PartnerLedgerSection partnerId={p.id} partnerCode={p.code} />}
          {Number.isInteger(partnerId) && partnerId > 0 && <ManagerHistory partnerId={partnerId} />}
          {Number.isInteger(partnerId) && partnerId > 0 && <PartnerMdfSection partnerId={partnerId} />}
        </>
      )}
    </div>
  );
}
