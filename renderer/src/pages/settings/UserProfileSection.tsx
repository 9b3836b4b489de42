import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

/** The local user profile: the name the audit trail records (settings 'user.name'; empty = the operating-system user). */
export function UserProfileSection() {
  const { t } = useTranslation(['audit']);
  const current = useOp('system.settings.get', { key: 'user.name' });
  const save = useMutationOp('system.settings.set');
  // What the user typed, else the stored name. The box is read-only until the stored name has arrived: a name arriving
  // while someone types would move the caret and join the two ("刘洋刘洋").
  const [typed, setName] = useState<string | null>(null);
  const loading = current.isPending;
  const name = typed ?? (typeof current.data?.value === 'string' ? current.data.value : '');
  return (
    <section data-testid="user-profile-section">
      <h2>{t('audit:profile.title')}</h2>
      <label>
        {t('audit:profile.name')}{' '}
        <input value={name} maxLength={100} readOnly={loading} onChange={(e) => setName(e.target.value)} data-testid="user-profile-name" />
      </label>{' '}
      <button onClick={() => save.mutate({ key: 'user.name', value: name.trim() || null })} disabled={save.isPending || loading} data-testid="user-profile-save">
        {t('audit:profile.save')}
      </button>
      <p className="muted">{t('audit:profile.hint')}</p>
      <ErrorBanner error={save.error ?? current.error} />
    </section>
  );
}
