import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS, type Tier } from '../../../../shared/enums';
import { bridge } from '../../api/client';
import { useJob } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { useFiscalQuarters } from '../../fiscal';
import { useTerritories } from '../../territories';

/** Review packs for every reviewed partner of a tier and/or a territory, as one job with a progress bar and cancel. */
export function ReviewPackBulkExport() {
  const { t, i18n } = useTranslation(['reviews', 'common']);
  const territories = useTerritories();
  // The company's fiscal quarters; default: the last full one.
  const { quarters, lastFull } = useFiscalQuarters(8);
  const [picked, setPeriod] = useState<string | null>(null);
  const period = picked ?? lastFull;
  const [tier, setTier] = useState<Tier | ''>('');
  const [territory, setTerritory] = useState('');
  const [language, setLanguage] = useState<'zh-CN' | 'en'>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const exporter = useJob('reviews.export');
  const start = async () => {
    const env = await bridge.platform.env();
    await exporter.start({ period, out: env.filesDir, language, onExists: 'rename', ...(tier ? { tiers: [tier] } : {}), ...(territory ? { territory } : {}) });
  };
  return (
    <section className="card review-bulk" data-testid="review-bulk">
      <h2>{t('reviews:bulk.title')}</h2>
      <div className="toolbar-row">
        <select value={period} onChange={(e) => setPeriod(e.target.value)} aria-label={t('reviews:pack.period')} data-testid="review-bulk-period">
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
        <select value={tier} onChange={(e) => setTier(e.target.value as Tier | '')} aria-label={t('reviews:bulk.tier')} data-testid="review-bulk-tier">
          <option value="">{t('reviews:bulk.allTiers')}</option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {t(`common:tier.${x}`)}
            </option>
          ))}
        </select>
        <select value={territory} onChange={(e) => setTerritory(e.target.value)} aria-label={t('reviews:bulk.territory')} data-testid="review-bulk-territory">
          <option value="">{t('reviews:bulk.allTerritories')}</option>
          {territories.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select value={language} onChange={(e) => setLanguage(e.target.value as 'zh-CN' | 'en')} aria-label={t('reviews:pack.language')}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <button type="button" disabled={exporter.running || (!tier && !territory)} onClick={() => void start()} data-testid="review-bulk-export">
          {t('reviews:bulk.export')}
        </button>
      </div>
      {!tier && !territory && <p className="muted">{t('reviews:bulk.choose')}</p>}
      {exporter.running && <JobProgressBar progress={exporter.progress} onCancel={exporter.cancel} label={t('reviews:pack.exporting')} />}
      <ErrorBanner error={exporter.error} />
      {exporter.result && (
        <p data-testid="review-bulk-done">
          {t('reviews:bulk.done', { count: exporter.result.packs.length })}{' '}
          {exporter.result.files[0] && (
            <button type="button" onClick={() => void bridge.platform.showItem(exporter.result!.files[0])}>
              {t('reviews:pack.open')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
