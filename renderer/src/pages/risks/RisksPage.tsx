import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { RISK_CATEGORIES, RISK_SOURCES, RISK_STATUSES } from '../../../../shared/enums';
import { RISK_LEVELS as RISK_LEVEL_VALUES } from '../../../../shared/enums';
import { RISK_BASES, type RiskBasis, type RiskListRow } from '../../../../electron/contract/risks';
import { useOp } from '../../api/hooks';
import { useMine } from '../../mine';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { BandsEditor } from './BandsEditor';
import { RiskForm } from './RiskForm';
import { RiskHeatMap, type Cell } from './RiskHeatMap';
import './risks.css';
import { codeNameExport, partnerNameIn } from '../../partnerName';
import { useRiskText } from '../../riskText';

const OPEN_STATUSES = RISK_STATUSES.filter((s) => s !== 'closed');

/** A URL parameter when it is one of the allowed values, else ''. */
function pick<T extends string>(params: URLSearchParams, key: string, values: readonly T[]): T | '' {
  const v = params.get(key);
  return v && (values as readonly string[]).includes(v) ? (v as T) : '';
}

/**
 * The risk register. Filters can come from the URL so the dashboard can link here:
 * `#/risks?level=high&basis=residual&category=credit&status=open&partner=P001` — level, category and status filter the
 * list and the heat map (status replaces the open-only default), basis picks inherent/residual, partner (a partner code)
 * becomes the grid's initial filter on the partner column.
 */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const naturalCompare = (a: string, b: string) => collator.compare(a, b);

export default function RisksPage() {
  const { t, i18n } = useTranslation(['risks', 'common']);
  const zh = i18n.language.startsWith('zh');
  const [params, setParams] = useSearchParams();
  const [cell, setCell] = useState<Cell | null>(null);
  const [asOf, setAsOf] = useState('');
  const [includeClosed, setIncludeClosed] = useState(false);
  const category = pick(params, 'category', RISK_CATEGORIES);
  const level = pick(params, 'level', RISK_LEVEL_VALUES);
  const status = pick(params, 'status', RISK_STATUSES);
  const partner = (params.get('partner') ?? '').trim().slice(0, 64);
  // One switch hides the risks the evaluation rules raised (`#/risks?auto=hide`), leaving entered and deal-conflict risks.
  const hideAuto = params.get('auto') === 'hide';
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const setCategory = (v: string) => setParam('category', v);
  const setLevel = (v: string) => setParam('level', v);
  const basis: RiskBasis = pick(params, 'basis', RISK_BASES) || 'inherent';
  const setBasis = (b: RiskBasis) => setParam('basis', b === 'inherent' ? '' : b);
  const filterModel = useMemo(() => (partner ? { partnerCode: { filterType: 'text', type: 'contains', filter: partner } } : undefined), [partner]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [bands, setBands] = useState(false);

  const mine = useMine('risks');
  const filter = useMemo(
    () => ({
      basis,
      statuses: status ? [status] : includeClosed ? undefined : [...OPEN_STATUSES],
      categories: category ? [category] : undefined,
      levels: level ? [level] : undefined,
      asOf: asOf || undefined,
      sources: hideAuto ? RISK_SOURCES.filter((x) => x !== 'evaluation') : undefined,
      ...mine.filter,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [basis, includeClosed, status, category, level, asOf, hideAuto, mine.mine, mine.ready],
  );
  const heat = useOp('risks.heatMap', filter, { enabled: mine.ready });
  const list = useOp('risks.list', { ...filter, cell: cell ?? undefined }, { enabled: mine.ready });
  const readOnly = Boolean(asOf);

  const wordsOf = useRiskText();
  const lvl = (v: RiskListRow['level'] | undefined) => (v ? <span className={`level-pill level-${v}`}>{t(`risks:level.${v}`)}</span> : null);
  const columns = useMemo<ColDef<RiskListRow>[]>(
    () => [
      // Natural order: R-0002 before R-0010, EV-…-2-… before EV-…-10-… whatever the padding.
      { field: 'code', headerName: t('risks:field.code'), width: 130, pinned: 'left', comparator: (a: string, b: string) => naturalCompare(a ?? '', b ?? '') },
      { field: 'title', headerName: t('risks:field.title'), flex: 2, minWidth: 200, valueGetter: (p) => (p.data ? wordsOf(p.data).title : '') },
      // The levels right after the title: with the heat map beside the grid they are in view at 1280 px.
      { field: 'level', headerName: t('risks:field.level'), width: 90, cellRenderer: (p: { value: RiskListRow['level'] }) => lvl(p.value), filterValueGetter: (p) => t(`risks:level.${p.data?.level}`) },
      { field: 'residualLevel', headerName: t('risks:field.residualLevel'), width: 100, cellRenderer: (p: { value: RiskListRow['level'] }) => lvl(p.value) },
      { field: 'partnerCode', headerName: t('risks:field.partner'), width: 150, context: { export: codeNameExport(zh) }, valueGetter: (p) => (p.data?.partnerCode ? `${p.data.partnerCode} ${partnerNameIn(zh, p.data)}` : '') },
      { field: 'category', headerName: t('risks:field.category'), width: 120, valueFormatter: (p) => (p.value ? t(`risks:category.${p.value}`) : '') },
      { field: 'likelihood', headerName: t('risks:field.likelihood'), width: 90 },
      { field: 'impact', headerName: t('risks:field.impact'), width: 90 },
      { field: 'score', headerName: t('risks:field.score'), width: 80 },
      { field: 'residualScore', headerName: t('risks:field.residualScore'), width: 100, valueFormatter: (p) => (p.data?.residualAssessed ? String(p.value) : t('risks:notAssessed')) },
      { field: 'status', headerName: t('risks:field.status'), width: 100, valueFormatter: (p) => (p.value ? t(`risks:status.${p.value}`) : '') },
      { field: 'owner', headerName: t('risks:field.owner'), width: 100 },
      { field: 'treatment', headerName: t('risks:field.treatment'), width: 100, valueFormatter: (p) => (p.value ? t(`risks:treatment.${p.value}`) : '') },
      { field: 'nextReviewOn', headerName: t('risks:field.nextReviewOn'), width: 120 },
      { field: 'openActions', headerName: t('risks:field.openActions'), width: 100 },
      { field: 'overdueActions', headerName: t('risks:field.overdueActions'), width: 100 },
      { field: 'source', headerName: t('risks:field.source'), width: 120, valueFormatter: (p) => (p.value ? t(`risks:source.${p.value}`) : '') },
      { field: 'updatedAt', headerName: t('risks:field.updatedAt'), width: 170, hide: true },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, zh],
  );

  return (
    <div className="page page-fill">
      <h1>{t('risks:title')}</h1>
      <div className="risks-filters">
        <span className="segmented" role="group" aria-label={t('risks:heatMap.title')}>
          {(['inherent', 'residual'] as const).map((b) => (
            <button key={b} type="button" aria-pressed={basis === b} onClick={() => { setBasis(b); setCell(null); }} data-testid={`risk-basis-${b}`}>
              {t(`risks:basis.${b}`)}
            </button>
          ))}
        </span>
        <label title={t('risks:asOfHint')}>
          {t('risks:asOf')} <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="risk-asof" />
        </label>
        <label>
          <input type="checkbox" checked={includeClosed} disabled={Boolean(status)} onChange={(e) => setIncludeClosed(e.target.checked)} data-testid="risk-include-closed" /> {t('risks:includeClosed')}
        </label>
        <label>
          <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid="risks-mine" /> {t('partners:mine')}
        </label>
        {mine.nobody && <small className="muted">{t('partners:mineNobody')}</small>}
        <label>
          <input type="checkbox" checked={!hideAuto} onChange={(e) => setParam('auto', e.target.checked ? '' : 'hide')} data-testid="risk-show-auto" /> {t('risks:showAuto')}
        </label>
        {status && (
          <span className="cell-filter" data-testid="risk-status-filter">
            {t('risks:field.status')}: {t(`risks:status.${status}`)}
            <button type="button" onClick={() => setParam('status', '')}>{t('risks:heatMap.clear')}</button>
          </span>
        )}
        {partner && (
          <span className="cell-filter" data-testid="risk-partner-filter">
            {t('risks:field.partner')}: {partner}
            <button type="button" onClick={() => setParam('partner', '')}>{t('risks:heatMap.clear')}</button>
          </span>
        )}
        <select value={category} onChange={(e) => setCategory(e.target.value)} aria-label={t('risks:field.category')} data-testid="risk-category-filter">
          <option value="">{t('risks:allCategories')}</option>
          {RISK_CATEGORIES.map((c) => (
            <option key={c} value={c}>{t(`risks:category.${c}`)}</option>
          ))}
        </select>
        <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label={t('risks:field.level')} data-testid="risk-level-filter">
          <option value="">{t('risks:allLevels')}</option>
          {RISK_LEVEL_VALUES.map((l) => (
            <option key={l} value={l}>{t(`risks:level.${l}`)}</option>
          ))}
        </select>
        {cell && (
          <span className="cell-filter" data-testid="risk-cell-filter">
            {t('risks:heatMap.filteredBy', { likelihood: cell.likelihood, impact: cell.impact })}
            <button type="button" onClick={() => setCell(null)}>{t('risks:heatMap.clear')}</button>
          </span>
        )}
        <div className="spacer" />
        <button type="button" onClick={() => setBands(true)} data-testid="risk-bands">{t('risks:bands.edit')}</button>
      </div>
      {readOnly && <div className="asof-banner" data-testid="risk-asof-banner">{t('risks:asOfMode', { date: asOf })}</div>}
      <ErrorBanner error={heat.error ?? list.error} />
      <div className="risks-layout">
        <div className="risks-side">
          <RiskHeatMap data={heat.data} selected={cell} onSelect={setCell} />
          {heat.data && (
            <p className="muted heat-sources" data-testid="risk-heatmap-sources">
              {t('risks:heatMap.sources', { total: heat.data.total, manual: heat.data.bySource.manual, evaluation: heat.data.bySource.evaluation, deal: heat.data.bySource.deal })}
              {hideAuto && ` ${t('risks:autoHidden')}`}
            </p>
          )}
        </div>
        <div className="risks-main">
          <DataGrid<RiskListRow>
            exportAs={{ grid: 'risks', query: { ...filter, cell: cell ?? undefined }, title: t('common:nav.risks'), fileName: 'risks' }}
            stateKey="risks"
            testId="risks-grid"
            rows={list.data?.rows}
            columns={columns}
            filterModel={filterModel}
            getRowId={(r) => String(r.id)}
            onRowClicked={(r) => setEditing(r.id)}
            toolbar={
              <button className="primary" type="button" onClick={() => setEditing('new')} disabled={readOnly} data-testid="risk-new">
                {t('risks:new')}
              </button>
            }
          />
        </div>
      </div>
      {editing != null && <RiskForm id={editing === 'new' ? null : editing} readOnly={readOnly} onClose={() => setEditing(null)} />}
      {bands && <BandsEditor onClose={() => setBands(false)} />}
    </div>
  );
}
