import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CoverageLine } from '../../../../electron/contract/territories';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { HqBadge } from '../../components/HqBadge';
import { formatMoney, formatRatio } from '../../format';
import { useTerritories } from '../../territories';
import { CHANNEL_TYPES } from '../../../../shared/enums';
import { CityTiles } from './CityTiles';
import { formatMeasure, MEASURES, ProvinceTileMap, type Measure } from './ProvinceTileMap';

const MEASURE_KEY = 'pwb.territories.measure';

/**
 * Territories and coverage: the company's coverage KPI, the province tile map (click a tile: the partners there), the
 * same figures as a table, each territory's coverage (the territory scorecard), the gaps and the coverage targets.
 */
export default function TerritoriesPage() {
  const { t, i18n } = useTranslation(['territories', 'common']);
  const zh = i18n.language.startsWith('zh');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const territories = useTerritories();
  const scope = params.get('territory') || undefined;
  const [measure, setMeasure] = useState<Measure>(() => (MEASURES as readonly string[]).includes(localStorage.getItem(MEASURE_KEY) ?? '') ? (localStorage.getItem(MEASURE_KEY) as Measure) : 'coverage');
  const pickMeasure = (m: Measure) => {
    localStorage.setItem(MEASURE_KEY, m);
    setMeasure(m);
  };
  const map = useOp('territories.coverage.provinces', { period: params.get('period') || undefined });
  // The territory scorecard and the map read the same period (the URL's, else the latest evaluated).
  const period = params.get('period') || undefined;
  const report = useOp('territories.coverage.report', { ...(scope ? { territory: scope } : {}), ...(period ? { period } : {}) });
  const r = report.data;
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const toPartners = (code: string) => navigate(`/partners?place=${encodeURIComponent(code)}`);
  // A province with cities opens its city tiles (?province=CODE); one without goes straight to its partners.
  const cityView = params.get('province');
  const pickProvince = (code: string) => {
    if (map.data?.provinces.find((p) => p.code === code)?.cities) setParam('province', code);
    else toPartners(code);
  };
  const hqVersionOf = (code: string) => territories.rows.find((x) => x.code === code)?.hqVersion ?? null;
  const name = (zhName: string | null, enName: string | null) => (zh ? zhName : (enName ?? zhName)) ?? '';
  const depth = useMemo(() => {
    const parent = new Map((r?.territories ?? []).map((x) => [x.code, x.parent]));
    return (code: string) => {
      let d = 0;
      for (let p = parent.get(code); p && parent.has(p) && d < 16; p = parent.get(p)) d++;
      return d;
    };
  }, [r]);

  return (
    <div className="page">
      <h1>{t('common:nav.territories')}</h1>
      <ErrorBanner error={report.error ?? map.error} />
      {r && (
        <div className="cards">
          <div className="card" data-testid="coverage-kpi">
            <div className="card-value">{formatRatio(r.total.ratio)}</div>
            <div className="card-label">{t('kpi.coverage', { covered: r.total.covered, wanted: r.total.wanted })}</div>
          </div>
          <div className="card" data-testid="coverage-gaps-count">
            <div className="card-value">{r.gaps.length}</div>
            <div className="card-label">{t('kpi.gaps')}</div>
          </div>
          {map.data && (
            <div className="card">
              <div className="card-value">{map.data.provinces.reduce((s, p) => s + p.activePartners, 0)}</div>
              <div className="card-label">{t('kpi.placed')}</div>
            </div>
          )}
          {map.data && map.data.unplaced > 0 && (
            <div className="card" title={t('kpi.unplacedHint')}>
              <div className="card-value">{map.data.unplaced}</div>
              <div className="card-label">{t('kpi.unplaced')}</div>
            </div>
          )}
        </div>
      )}

      <div className="toolbar-row">
        <label className="inline">
          {t('measure.label')}
          <select value={measure} onChange={(e) => pickMeasure(e.target.value as Measure)} data-testid="map-measure">
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`measure.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {(measure === 'revenue' || measure === 'health') && map.data && (
          <label className="inline">
            {t('period')}
            <select value={map.data.period} onChange={(e) => setParam('period', e.target.value)} data-testid="map-period">
              {map.data.periods.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted">{t('map.hint')}</span>
      </div>
      {map.data && (
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(420px, 3fr) minmax(320px, 2fr)', gap: 16, alignItems: 'start' }}>
          <ProvinceTileMap provinces={map.data.provinces} measure={measure} onPick={pickProvince} />
          {cityView ? (
            <CityTiles province={cityView} period={period} measure={measure} onPick={toPartners} onClose={() => setParam('province', null)} />
          ) : (
          <div style={{ maxHeight: 480, overflow: 'auto' }}>
            <table className="compare-table" data-testid="province-table">
              <thead>
                <tr>
                  <th>{t('col.province')}</th>
                  <th>{t('measure.partners')}</th>
                  <th>{t('measure.revenue')}</th>
                  <th>{t('measure.health')}</th>
                  <th>{t('measure.coverage')}</th>
                </tr>
              </thead>
              <tbody>
                {map.data.provinces.map((p) => (
                  <tr key={p.code}>
                    <td>
                      <button type="button" className="link" onClick={() => toPartners(p.code)} data-testid={`province-${p.code}`}>
                        {name(p.nameZh, p.nameEn)}
                      </button>
                      {p.cities > 0 && (
                        <>
                          {' '}
                          <button type="button" className="link" onClick={() => setParam('province', p.code)} data-testid={`province-cities-${p.code}`}>
                            {t('cities.open', { count: p.cities })}
                          </button>
                        </>
                      )}
                    </td>
                    <td>{p.activePartners}</td>
                    <td>{formatMoney(p.revenueMinor)}</td>
                    <td>{formatMeasure(p, 'health')}</td>
                    <td>{formatMeasure(p, 'coverage')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          )}
        </div>
      )}

      <section>
        <h2>{t('scorecard.title')}</h2>
        <div className="toolbar-row">
          <label className="inline">
            {t('scope')}
            <select value={scope ?? ''} onChange={(e) => setParam('territory', e.target.value || null)} data-testid="coverage-scope">
              <option value="">{t('wholeCompany')}</option>
              {territories.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          {r && (
            <label className="inline">
              {t('period')}
              <select value={r.period} onChange={(e) => setParam('period', e.target.value)} data-testid="scorecard-period">
                {r.periods.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          )}
          {r?.byChannelType
            .filter((c) => c.channelType)
            .map((c) => (
              <span key={c.channelType} className="muted">
                {t(`common:channelType.${c.channelType}`)} {formatRatio(c.ratio)}
              </span>
            ))}
        </div>
        <table className="compare-table" data-testid="territory-coverage">
          <thead>
            <tr>
              <th>{t('col.territory')}</th>
              <th>{t('col.activePartners')}</th>
              <th>{t('col.covered')}</th>
              <th>{t('measure.coverage')}</th>
              <th>{t('col.gaps')}</th>
              <th>{t('col.basis')}</th>
              <th title={t('col.scorecardsHint')}>{t('col.revenue')}</th>
              <th>{t('col.attainment')}</th>
              <th>{t('col.health')}</th>
            </tr>
          </thead>
          <tbody>
            {r?.territories.map((x) => (
              <tr key={x.code} data-testid={`coverage-row-${x.code}`} className={x.active ? undefined : 'muted'}>
                <td style={{ paddingLeft: 6 + 16 * depth(x.code) }}>
                  <button type="button" className="link" onClick={() => toPartners(x.code)}>
                    {name(x.nameZh, x.nameEn)}
                  </button>
                  {hqVersionOf(x.code) != null && <HqBadge kind="territory" code={x.code} version={hqVersionOf(x.code)!} />}
                </td>
                <td>{x.activePartners}</td>
                <td>
                  {x.covered} / {x.wanted}
                </td>
                <td>{formatRatio(x.ratio)}</td>
                <td>{x.gaps || ''}</td>
                <td className="muted">{x.byDefault ? t('basis.default') : t('basis.targets')}</td>
                <td data-testid={`revenue-${x.code}`}>{x.scorecards ? formatMoney(x.revenueMinor) : '—'}</td>
                <td data-testid={`attainment-${x.code}`}>{formatRatio(x.attainment)}</td>
                <td data-testid={`health-${x.code}`} title={x.scorecards ? t('col.healthOf', { count: x.scorecards }) : undefined}>
                  {x.healthScore === null ? '—' : x.healthScore.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section data-testid="coverage-gaps">
        <h2>{t('gaps.title')}</h2>
        {r && r.gaps.length === 0 && <p className="muted">{t('gaps.none')}</p>}
        <ul>
          {r?.gaps.map((g) => (
            <li key={`${g.targetId ?? 'd'}-${g.territory}-${g.area ?? ''}`}>
              <GapText g={g} />{' '}
              <button type="button" className="link" onClick={() => toPartners(g.area ?? g.territory)}>
                {t('gaps.partners')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <CoverageTargets scope={scope} />
    </div>
  );
}

function GapText({ g }: { g: CoverageLine }) {
  const { t, i18n } = useTranslation(['territories', 'common']);
  const zh = i18n.language.startsWith('zh');
  const n = (a: string | null, b: string | null) => (zh ? a : (b ?? a)) ?? '';
  const channel = g.channelType ? t(`common:channelType.${g.channelType}`) : t('gaps.anyPartner', { count: g.actual });
  return g.area ? (
    <span>{t('gaps.area', { territory: n(g.territoryNameZh, g.territoryNameEn), area: n(g.areaNameZh, g.areaNameEn), channel, actual: g.actual, min: g.minPartners })}</span>
  ) : (
    <span>{t('gaps.territory', { territory: n(g.territoryNameZh, g.territoryNameEn), channel, actual: g.actual, min: g.minPartners })}</span>
  );
}

/** What each territory wants covered: add, change the number, remove. */
function CoverageTargets({ scope }: { scope?: string }) {
  const { t } = useTranslation(['territories', 'common']);
  const territories = useTerritories();
  const list = useOp('territories.coverage.targets.list', scope ? { territory: scope } : {});
  const add = useMutationOp('territories.coverage.targets.add');
  const update = useMutationOp('territories.coverage.targets.update');
  const remove = useMutationOp('territories.coverage.targets.remove');
  const [territory, setTerritory] = useState(scope ?? '');
  const [area, setArea] = useState('');
  const [channelType, setChannelType] = useState('');
  const [min, setMin] = useState('1');
  // Areas: the provinces and cities under the chosen territory.
  const areas = useMemo(() => {
    if (!territory) return [];
    const under = new Set([territory]);
    for (const row of territories.rows) if (row.parent && under.has(row.parent)) under.add(row.code);
    return territories.options.filter((o) => o.value !== territory && under.has(o.value) && ['province', 'city'].includes(territories.rows.find((x) => x.code === o.value)?.kind ?? ''));
  }, [territory, territories]);
  const minValid = /^\d+$/.test(min) && Number(min) >= 1 && Number(min) <= 10_000;
  return (
    <section data-testid="coverage-targets">
      <h2>{t('targets.title')}</h2>
      <p className="muted">{t('targets.rule')}</p>
      <ErrorBanner error={add.error ?? update.error ?? remove.error ?? list.error} />
      <table className="compare-table">
        <thead>
          <tr>
            <th>{t('col.territory')}</th>
            <th>{t('targets.area')}</th>
            <th>{t('targets.channelType')}</th>
            <th>{t('targets.min')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((x) => (
            <tr key={x.id} data-testid={`target-${x.id}`}>
              <td>{territories.name(x.territory)}</td>
              <td>{x.area ? territories.name(x.area) : t('targets.wholeTerritory')}</td>
              <td>{x.channelType ? t(`common:channelType.${x.channelType}`) : t('targets.anyChannel')}</td>
              <td>
                <input
                  type="number"
                  min={1}
                  defaultValue={x.minPartners}
                  style={{ width: 80 }}
                  onBlur={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isInteger(v) && v >= 1 && v !== x.minPartners) update.mutate({ id: x.id, minPartners: v });
                  }}
                />
              </td>
              <td>
                <button className="danger" onClick={() => remove.mutate({ id: x.id })}>
                  {t('common:actions.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p className="muted">{t('targets.none')}</p>}
      <div className="toolbar-row" style={{ marginTop: 8 }}>
        <select value={territory} onChange={(e) => { setTerritory(e.target.value); setArea(''); }} data-testid="target-territory" aria-label={t('col.territory')}>
          <option value="">{t('targets.pickTerritory')}</option>
          {territories.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select value={area} onChange={(e) => setArea(e.target.value)} data-testid="target-area" aria-label={t('targets.area')}>
          <option value="">{t('targets.wholeTerritory')}</option>
          {areas.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label.trim()}
            </option>
          ))}
        </select>
        <select value={channelType} onChange={(e) => setChannelType(e.target.value)} data-testid="target-channel" aria-label={t('targets.channelType')}>
          <option value="">{t('targets.anyChannel')}</option>
          {CHANNEL_TYPES.map((c) => (
            <option key={c} value={c}>
              {t(`common:channelType.${c}`)}
            </option>
          ))}
        </select>
        <label className="inline">
          {t('targets.min')}
          <input type="number" min={1} value={min} onChange={(e) => setMin(e.target.value)} style={{ width: 80 }} data-testid="target-min" aria-invalid={minValid ? undefined : true} />
        </label>
        {!minValid && <span className="field-error">{t('targets.minInvalid')}</span>}
        <button
          className="primary"
          disabled={!territory || !minValid || add.isPending}
          onClick={() =>
            add.mutate({ territory, area: area || null, channelType: (channelType || null) as (typeof CHANNEL_TYPES)[number] | null, minPartners: Number(min) })
          }
          data-testid="target-add"
        >
          {t('targets.add')}
        </button>
      </div>
    </section>
  );
}
