import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerritories } from '../../territories';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CHANNEL_TYPES, GRADES } from '../../../../shared/enums';
import type { ScorecardRow } from '../../../../electron/contract/evaluations';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { useMine } from '../../mine';
import { PopulationNote } from '../../components/PopulationNote';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { CompareModal } from './CompareModal';
import { formatMoney } from '../../format';
import { reasonText } from './reason';

/**
 * Scorecards of a period (each partner's latest), filterable by channel type, region and grade. Filters live in the
 * URL (?period=2025-Q1&channel=dealer&region=HD&grade=A&attMin=60&attMax=80) so dashboard charts can link here;
 * they become the grid's filter model.
 */
export default function ScorecardsPage() {
  const { t, i18n } = useTranslation(['scorecards', 'common', 'partners']);
  const en = i18n.language === 'en';
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const period = params.get('period') || undefined;
  const territories = useTerritories();
  // A territory filter includes its sub-territories: applied by the query (the tree), not by the grid's text filter.
  const region = params.get('region');
  const mine = useMine('scorecards');
  const list = useOp('evaluations.scorecards.list', { period, ...(region ? { regions: [region] } : {}), ...mine.filter }, { enabled: mine.ready });
  const shown = list.data?.period ?? period ?? '';
  const run = useJob('evaluations.run');
  // The population of the period's latest run: whom it considered and why it left partners out.
  const latestRun = useOp('evaluations.runs', { period: shown || undefined, limit: 1 }, { enabled: Boolean(shown) });
  const decide = useMutationOp('evaluations.tier.decide');
  const [newPeriod, setNewPeriod] = useState('');
  const [compare, setCompare] = useState<number | null>(null);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const filterModel = useMemo(() => {
    const m: Record<string, unknown> = {};
    const channel = params.get('channel');
    const grade = params.get('grade');
    const attMin = params.get('attMin');
    const attMax = params.get('attMax');
    if (channel) m.channelType = { filterType: 'text', type: 'equals', filter: t(`common:channelType.${channel}`) };
    if (grade) m.grade = { filterType: 'text', type: 'equals', filter: grade };
    if (attMin && attMax) m.attainmentPct = { filterType: 'number', type: 'inRange', filter: Number(attMin), filterTo: Number(attMax) };
    else if (attMin) m.attainmentPct = { filterType: 'number', type: 'greaterThanOrEqual', filter: Number(attMin) };
    else if (attMax) m.attainmentPct = { filterType: 'number', type: 'lessThan', filter: Number(attMax) };
    return Object.keys(m).length ? m : undefined;
  }, [params, t]);

  const columns = useMemo<ColDef<ScorecardRow>[]>(() => {
    const ratio = (field: keyof ScorecardRow, header: string, width = 105): ColDef<ScorecardRow> => ({
      colId: String(field),
      headerName: header,
      width,
      filter: 'agNumberColumnFilter',
      type: 'rightAligned',
      // The file writes the same ×100 figure (85.3), filtered and sorted on it as the grid is.
      context: { export: { fields: [String(field)], kind: 'percentPoints' } },
      valueGetter: (p) => (p.data && p.data[field] !== null ? Math.round((p.data[field] as number) * 1000) / 10 : null),
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : `${p.value}%`),
    });
    return [
      { field: 'partnerCode', headerName: t('scorecards:col.partnerCode'), width: 110, pinned: 'left' },
      {
        field: 'partnerName',
        headerName: t('scorecards:col.partnerName'),
        width: 200,
        // English mode shows the partner's English name where it has one (and the export writes the same).
        context: { export: { fields: en ? ['partnerNameEn', 'partnerName'] : ['partnerName'], pick: 'first' } },
        valueGetter: (p: { data?: ScorecardRow }) => (en && p.data?.partnerNameEn ? p.data.partnerNameEn : p.data?.partnerName),
        cellRenderer: (p: { data?: ScorecardRow; value: string }) => (
          <a href={`#/partners/${p.data?.partnerId}`} data-testid={`partner-link-${p.data?.partnerCode}`}>
            {p.value}
          </a>
        ),
      },
      // Attainment right after the partner: with score and grade pinned it is in view at 1280 px.
      { ...ratio('attainment', t('scorecards:col.attainment'), 130), colId: 'attainmentPct' },
      { field: 'channelType', headerName: t('scorecards:col.channelType'), width: 145, valueFormatter: (p) => t(`common:channelType.${p.value}`), filterValueGetter: (p) => t(`common:channelType.${p.data?.channelType}`) },
      { field: 'region', headerName: t('scorecards:col.region'), width: 145, valueFormatter: (p) => (p.value ? territories.name(p.value, p.data?.regionEn) : '—'), filterValueGetter: (p) => territories.name(p.data?.region, p.data?.regionEn) },
      { field: 'tier', headerName: t('scorecards:col.tier'), width: 100, valueFormatter: (p) => t(`common:tier.${p.value}`), filterValueGetter: (p) => t(`common:tier.${p.data?.tier}`) },
      { field: 'revenueMinor', headerName: t('scorecards:col.revenue'), width: 150, type: 'rightAligned', filter: 'agNumberColumnFilter', valueFormatter: (p) => formatMoney(p.value as number) },
      { field: 'targetMinor', headerName: t('scorecards:col.target'), width: 150, type: 'rightAligned', filter: 'agNumberColumnFilter', valueFormatter: (p) => (p.value === null ? '—' : formatMoney(p.value as number)) },
      ratio('growthPrev', t('scorecards:col.growthPrev')),
      ratio('growthYoY', t('scorecards:col.growthYoY')),
      ratio('grossMargin', t('scorecards:col.grossMargin')),
      { field: 'orders', headerName: t('scorecards:col.orders'), width: 90, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      { field: 'activeCustomers', headerName: t('scorecards:col.activeCustomers'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      { field: 'newCustomers', headerName: t('scorecards:col.newCustomers'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      ratio('retention', t('scorecards:col.retention')),
      { field: 'satisfaction', headerName: t('scorecards:col.satisfaction'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter', valueFormatter: (p) => (p.value === null ? '—' : (p.value as number).toFixed(2)) },
      ratio('trainingCompliance', t('scorecards:col.trainingCompliance')),
      { field: 'openHighRisks', headerName: t('scorecards:col.openHighRisks'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      { field: 'healthScore', headerName: t('scorecards:col.healthScore'), width: 120, type: 'rightAligned', filter: 'agNumberColumnFilter', sort: 'desc', pinned: 'left', valueFormatter: (p) => (p.value == null ? '—' : (p.value as number).toFixed(1)) },
      { field: 'grade', headerName: t('scorecards:col.grade'), width: 95, pinned: 'left', cellRenderer: (p: { value: string }) => <span className={`grade grade-${p.value}`}>{p.value}</span> },
      { field: 'rankInChannel', headerName: t('scorecards:col.rankInChannel'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      { field: 'rankInRegion', headerName: t('scorecards:col.rankInRegion'), width: 100, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      {
        colId: 'recommendation',
        headerName: t('scorecards:col.recommendation'),
        width: 320,
        valueGetter: (p) => (p.data?.tierRecommendation ? t(`common:tier.${p.data.tierRecommendation}`) : ''),
        tooltipValueGetter: (p) => (p.data ? reasonText(t, p.data.recommendationReason) : ''),
        cellRenderer: (p: { data?: ScorecardRow }) => {
          const r = p.data;
          if (!r) return null;
          if (r.decision) return <span>{t(`scorecards:decision.${r.decision.decision}`, { tier: t(`common:tier.${r.decision.toTier}`), date: r.decision.effectiveOn ?? r.decision.decidedAt.slice(0, 10) })}</span>;
          if (!r.tierRecommendation) return <span className="muted">{r.recommendationReason ? reasonText(t, r.recommendationReason) : '—'}</span>;
          return (
            <span className="inline">
              <span title={reasonText(t, r.recommendationReason)}>
                {t(`common:tier.${r.tier}`)} → <strong>{t(`common:tier.${r.tierRecommendation}`)}</strong>
              </span>
              <button onClick={() => decide.mutate({ scorecardId: r.id, decision: 'accepted' })} disabled={decide.isPending} data-testid={`accept-${r.partnerCode}`}>
                {t('scorecards:accept')}
              </button>
              <button onClick={() => decide.mutate({ scorecardId: r.id, decision: 'rejected' })} disabled={decide.isPending} data-testid={`reject-${r.partnerCode}`}>
                {t('scorecards:reject')}
              </button>
            </span>
          );
        },
      },
    ];
  }, [t, en, decide, territories]);

  const runIds = useMemo(() => [...new Set((list.data?.rows ?? []).map((r) => r.runId))], [list.data]);
  const activeFilters = ['channel', 'region', 'grade', 'attMin', 'attMax'].filter((k) => params.get(k));

  return (
    <div className="page page-fill">
      <h1>{t('common:nav.scorecards')}</h1>
      <div className="toolbar-row">
        <label className="inline">
          <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid="scorecards-mine" /> {t('partners:mine')}
        </label>
        {mine.nobody && <small className="muted">{t('partners:mineNobody')}</small>}
        <label className="inline">
          {t('scorecards:period')}
          <select value={shown} onChange={(e) => set('period', e.target.value)} data-testid="scorecards-period">
            {!list.data?.periods.some((p) => p.period === shown) && shown && <option value={shown}>{shown}</option>}
            {list.data?.periods.map((p) => (
              <option key={p.period} value={p.period}>
                {p.period}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('scorecards:filter.channel')}
          <select value={params.get('channel') ?? ''} onChange={(e) => set('channel', e.target.value || null)} data-testid="filter-channel">
            <option value="">{t('scorecards:filter.all')}</option>
            {CHANNEL_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`common:channelType.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('scorecards:filter.region')}
          <select value={params.get('region') ?? ''} onChange={(e) => set('region', e.target.value || null)} data-testid="filter-region">
            <option value="">{t('scorecards:filter.all')}</option>
            {territories.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('scorecards:filter.grade')}
          <select value={params.get('grade') ?? ''} onChange={(e) => set('grade', e.target.value || null)} data-testid="filter-grade">
            <option value="">{t('scorecards:filter.all')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        {activeFilters.length > 0 && (
          <button
            onClick={() => {
              const next = new URLSearchParams(params);
              for (const k of activeFilters) next.delete(k);
              setParams(next, { replace: true });
            }}
            data-testid="filters-clear"
          >
            {t('scorecards:filter.clear')}
          </button>
        )}
        <div className="spacer" />
        <input value={newPeriod} onChange={(e) => setNewPeriod(e.target.value.trim())} placeholder="2025-Q1" size={9} data-testid="run-period" aria-label={t('scorecards:period')} />
        <button
          className="primary"
          disabled={run.running || !/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/.test(newPeriod || shown)}
          onClick={async () => {
            const p = newPeriod || shown;
            const r = await run.start({ period: p });
            if (r) set('period', r.period);
          }}
          data-testid="run-evaluation"
        >
          {t('scorecards:run')}
        </button>
        {runIds.length === 1 && (
          <button onClick={() => setCompare(runIds[0])} data-testid="compare-versions">
            {t('scorecards:compare')}
          </button>
        )}
      </div>
      {run.running && <JobProgressBar progress={run.progress} onCancel={run.cancel} label={t('scorecards:running')} />}
      {run.result && (
        <p className="ok" data-testid="run-result">
          {t('scorecards:runDone', { period: run.result.period, version: run.result.version, count: run.result.partnerCount, created: run.result.risks.created })}
        </p>
      )}
      {shown && latestRun.data?.[0]?.period === shown && <PopulationNote population={latestRun.data[0].population} testId="scorecards-population" />}
      <ErrorBanner error={run.error ?? list.error ?? decide.error} />
      {list.data && list.data.rows.length === 0 && !latestRun.data?.[0]?.population && <p className="muted">{t('scorecards:empty')}</p>}
      <DataGrid<ScorecardRow>
        exportAs={{ grid: 'scorecards', query: { period, ...(region ? { regions: [region] } : {}) }, title: t('common:nav.scorecards'), fileName: `scorecards-${shown}` }}
        stateKey="scorecards"
        testId="scorecards-grid"
        rows={list.data?.rows}
        columns={columns}
        getRowId={(r) => String(r.id)}
        filterModel={filterModel}
        onRowClicked={undefined}
      />
      {compare !== null && <CompareModal runId={compare} onClose={() => setCompare(null)} onOpenPartner={(id) => navigate(`/partners/${id}`)} />}
    </div>
  );
}
