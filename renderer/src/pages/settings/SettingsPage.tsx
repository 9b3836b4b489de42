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
import { foreignKeyViolationText, integrityFindingText } from '../../../../shared/systemFindings';

/** What the workspace check found, each finding of a known kind in words (SQLite's text beside it). */
function checkProblems(r: { integrity: string[]; foreignKeyViolations: Array<{ table: string; rowid: number | null; parent: string }> }, lang: 'zh-CN' | 'en'): string {
  const integrity = r.integrity.length === 1 && r.integrity[0] === 'ok' ? [] : r.integrity.map((f) => integrityFindingText(f, lang));
  return [...integrity, ...r.foreignKeyViolations.slice(0, 5).map((v) => foreignKeyViolationText(v, lang))].join(lang === 'zh-CN' ? '；' : '; ');
}

/** Settings: areas add their sections (evaluation weights, risk bands, company details...). */
export default function SettingsPage() {
  const { t, i18n } = useTranslation(['settings', 'common']);
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
            {check.data.ok ? t('settings:workspace.checkOk') : t('settings:workspace.checkFailed', { problems: checkProblems(check.data, i18n.language.startsWith('zh') ? 'zh-CN' : 'en') })}
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
