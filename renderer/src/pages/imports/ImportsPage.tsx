import { useTranslation } from 'react-i18next';
import { ImportHistory } from './ImportHistory';
import { ImportWizard } from './ImportWizard';

export default function ImportsPage() {
  const { t } = useTranslation(['common', 'imports']);
  return (
    <div className="page">
      <h1>{t('common:nav.imports')}</h1>
      <p className="muted">{t('imports:intro')}</p>
      <ImportWizard />
      <ImportHistory />
    </div>
  );
}
