import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { formatRatio } from '../../format';

/**
 * The dashboard's channel measures of the period (sell-through rate, DOI, partners flagged for stuffing, 窜货, 乱价 and
 * late stock reports); each card opens the Inventory & sell-through page on the same period and view.
 */
export function ChannelKpiCards({ period }: { period: string }) {
  const { t } = useTranslation(['inventory']);
  const kpi = useOp('inventory.kpi', { period }, { retry: false, enabled: period !== '' });
  const k = kpi.data;
  if (!k) return null;
  const link = (evidence?: string) => `#/inventory?${new URLSearchParams({ period: k.period, ...(evidence ? { evidence } : {}) }).toString()}`;
  const days = (v: number | null) => (v == null ? '—' : Math.round(v).toLocaleString());
  const cards: Array<{ id: string; value: string; label: string; href: string; alert?: boolean }> = [
    { id: 'sellThroughRate', value: formatRatio(k.sellThroughRate), label: t('inventory:kpi.sellThroughRate'), href: link() },
    { id: 'doi', value: days(k.daysOfInventory), label: t('inventory:kpi.doi', { limit: k.doiLimitDays }), href: link(), alert: k.daysOfInventory != null && k.daysOfInventory > k.doiLimitDays },
    { id: 'stuffing', value: String(k.stuffingPartners), label: t('inventory:kpi.stuffing'), href: link(), alert: k.stuffingPartners > 0 },
    { id: 'crossTerritory', value: String(k.crossTerritoryPartners), label: t('inventory:kpi.crossTerritory', { lines: k.crossTerritoryLines }), href: link('crossTerritory'), alert: k.crossTerritoryPartners > 0 },
    { id: 'belowFloor', value: String(k.belowFloorPartners), label: t('inventory:kpi.belowFloor', { lines: k.belowFloorLines }), href: link('belowFloor'), alert: k.belowFloorPartners > 0 },
    { id: 'notReported', value: String(k.notReportedPartners), label: t('inventory:kpi.notReported'), href: link(), alert: k.notReportedPartners > 0 },
  ];
  return (
    <section data-testid="dashboard-channel">
      <h2>{t('inventory:kpi.title', { period: k.period, partners: k.partners })}</h2>
      {k.partners === 0 ? (
        <p className="muted" data-testid="dashboard-channel-empty">
          {t('inventory:kpi.none')}
        </p>
      ) : (
        <div className="cards">
          {cards.map((c) => (
            <a key={c.id} className="card" href={c.href} data-testid={`channel-kpi-${c.id}`} style={{ color: 'inherit', textDecoration: 'none' }}>
              <div className={`card-value${c.alert ? ' warning-text' : ''}`}>{c.value}</div>
              <div className="card-label">{c.label}</div>
            </a>
          ))}
        </div>
      )}
    </section>
  );
}
