import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useOp } from '../api/hooks';

/** A damaged workspace refuses every change: say so above every page, with the way out (restore a backup). */
export function DamagedNotice() {
  const { t } = useTranslation('common');
  const info = useOp('system.info', {}, { refetchInterval: 30_000 });
  const health = info.data?.health;
  if (health?.status !== 'damaged') return null;
  return (
    <div className="error-banner" role="alert" data-testid="workspace-damaged">
      <strong>{t('damaged.title')}</strong> {t('damaged.body', { finding: health.findings[0] ?? '' })}{' '}
      <Link to="/settings">{t('damaged.restore')}</Link>
    </div>
  );
}
