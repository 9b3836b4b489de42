import { useTranslation } from 'react-i18next';
import type { ProvinceFigures } from '../../../../electron/contract/territories';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoney } from '../../format';
import { formatMeasure, measureOf, type Measure } from './ProvinceTileMap';

/** The tile colour of a figure on the map's scale (same colours as the province map; grey without the figure). */
function tileColour(v: number | null, measure: Measure, max: number): string {
  if (v === null) return '#e5e7eb';
  const stops = measure === 'coverage' || measure === 'health' ? ['#d64541', '#f2c14e', '#2e7d32'] : ['#e8f1fb', '#1f6feb'];
  const min = measure === 'health' ? 60 : 0;
  const top = measure === 'coverage' ? 1 : measure === 'health' ? 100 : Math.max(1, max);
  const f = Math.min(1, Math.max(0, (v - min) / (top - min || 1))) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(f));
  const mix = (a: string, b: string, w: number) =>
    `#${[1, 3, 5].map((k) => Math.round(parseInt(a.slice(k, k + 2), 16) * (1 - w) + parseInt(b.slice(k, k + 2), 16) * w).toString(16).padStart(2, '0')).join('')}`;
  return mix(stops[i], stops[i + 1], f - i);
}

/**
 * A province's cities, for a province the company defined cities in: one tile per city coloured by the map's measure,
 * the same figures as a table, and what lies in the province outside its cities. A tile opens the partners there.
 */
export function CityTiles({ province, period, measure, onPick, onClose }: { province: string; period?: string; measure: Measure; onPick: (code: string) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation('territories');
  const zh = i18n.language.startsWith('zh');
  const q = useOp('territories.coverage.cities', { province, ...(period ? { period } : {}) });
  const d = q.data;
  const name = (p: { nameZh: string; nameEn: string | null }) => (zh ? p.nameZh : (p.nameEn ?? p.nameZh));
  const max = Math.max(0, ...(d?.cities ?? []).map((c) => measureOf(c, measure) ?? 0));
  const dark = (c: ProvinceFigures) => {
    const v = measureOf(c, measure);
    return v !== null && (measure === 'coverage' || measure === 'health' || v / Math.max(1, max) > 0.55);
  };
  return (
    <div data-testid="city-tiles">
      <ErrorBanner error={q.error} />
      {d && (
        <>
          <div className="toolbar-row">
            <strong>{t('cities.title', { province: name(d.province) })}</strong>
            <button type="button" className="link" onClick={() => onPick(d.province.code)} data-testid="city-province-partners">
              {t('cities.allPartners')}
            </button>
            <span className="spacer" />
            <button type="button" onClick={onClose} data-testid="city-tiles-close">
              {t('cities.back')}
            </button>
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, margin: '8px 0' }}>
            {d.cities.map((c) => (
              <button
                key={c.code}
                type="button"
                onClick={() => onPick(c.code)}
                title={`${name(c)} · ${t(`measure.${measure}`)}: ${formatMeasure(c, measure)}`}
                data-testid={`city-tile-${c.code}`}
                style={{ width: 92, height: 64, border: 'none', borderRadius: 4, cursor: 'pointer', background: tileColour(measureOf(c, measure), measure, max), color: dark(c) ? '#fff' : '#1f2937' }}
              >
                <div>{name(c)}</div>
                <small>{formatMeasure(c, measure)}</small>
              </button>
            ))}
          </div>
          <table className="compare-table" data-testid="city-table">
            <thead>
              <tr>
                <th>{t('cities.city')}</th>
                <th>{t('measure.partners')}</th>
                <th>{t('measure.revenue')}</th>
                <th>{t('measure.health')}</th>
                <th>{t('measure.coverage')}</th>
              </tr>
            </thead>
            <tbody>
              {d.cities.map((c) => (
                <tr key={c.code} data-testid={`city-row-${c.code}`}>
                  <td>{name(c)}</td>
                  <td>{c.activePartners}</td>
                  <td>{formatMoney(c.revenueMinor)}</td>
                  <td>{formatMeasure(c, 'health')}</td>
                  <td>{formatMeasure(c, 'coverage')}</td>
                </tr>
              ))}
              <tr className="muted" data-testid="city-row-elsewhere" title={t('cities.elsewhereHint')}>
                <td>{t('cities.elsewhere')}</td>
                <td>{d.elsewhere.activePartners}</td>
                <td>{formatMoney(d.elsewhere.revenueMinor)}</td>
                <td>{d.elsewhere.healthScore === null ? '—' : d.elsewhere.healthScore.toFixed(1)}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
