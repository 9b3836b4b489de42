import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { BackupsSection } from './BackupsSection';
import { HqSection } from './HqSection';
import { UserProfileSection } from './UserProfileSection';
import { GeneralSection } from './GeneralSection';
import { EvaluationSettingsSection } from './EvaluationSettingsSection';
import { TerritoriesSection } from './TerritoriesSection';
import { ChannelManagersSection } from './ChannelManagersSection';
import { InventoryRulesSection } from './InventoryRulesSection';
import { ProductsSection } from './ProductsSection';

/** Settings: areas add their sections (evaluation weights, risk bands, company details...). */
export default function SettingsPage() {
  const { t } = useTranslation(['settings', 'common']);
  const info = useOp('system.info', {});
  const check = useOp('system.check', {}, { enabled: false });
  return (
    <div className="page">
      <h1>{t('common:nav.settings')}</h1>
      <GeneralSection />
      <section>
        <h2>{t('settings:workspace.title')}</h2>
        <p>
          {t('common:app.workspace')}: <code>{info.data?.path}</code> · {t('settings:workspace.schema', { version: info.data?.schemaVersion ?? '…' })}
        </p>
        <button onClick={() => void check.refetch()} data-testid="settings-check">
          {t('settings:workspace.check')}
        </button>
        <ErrorBanner error={check.error} />
        {check.data && (
          <p data-testid="settings-check-result" className={check.data.ok ? 'ok' : 'error'}>
            {check.data.ok ? t('settings:workspace.checkOk') : t('settings:workspace.checkFailed', { problems: check.data.integrity.join(', ') })}
          </p>
        )}
      </section>
      <TerritoriesSection />
      <ChannelManagersSection />
      <ProductsSection />
      <EvaluationSettingsSection />
      <InventoryRulesSection />
      <UserProfileSection />
      <BackupsSection />
      <HqSection />
    </div>
  );
}
