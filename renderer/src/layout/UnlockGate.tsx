import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useOp } from '../api/hooks';
import { ErrorBanner } from '../components/ErrorBanner';
import type { ApiError } from '../../../shared/errors';

/**
 * An encrypted workspace whose passphrase the app was not given (and did not remember) opens locked: this asks for
 * the passphrase before any page is shown, and can have the OS keychain remember it. Plain workspaces, the web
 * bridge and the CLI never see it (their workspace is open already).
 */
export function UnlockGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation('unlock');
  const queryClient = useQueryClient();
  const status = useOp('system.unlockStatus', {});
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (status.isPending) return null;
  if (!status.data?.locked) return <>{children}</>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('system.unlock', { passphrase, remember });
      setPassphrase('');
      // Every query asked while locked was refused: ask again now that the workspace is open.
      await queryClient.resetQueries();
    } catch (x) {
      setError(x as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const s = status.data;
  return (
    <div className="unlock" data-testid="unlock">
      <form onSubmit={(e) => void submit(e)}>
        <h1>{t('title')}</h1>
        <p className="muted" data-testid="unlock-workspace">{t('body', { path: s.workspace })}</p>
        {s.reason === 'rememberedRejected' && <p className="error-banner" role="alert">{t('rememberedRejected')}</p>}
        <label>
          {t('passphrase')}
          <input type="password" autoFocus autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="unlock-passphrase" />
        </label>
        <label title={s.canRemember ? undefined : t('noKeychain')}>
          <input type="checkbox" checked={remember} disabled={!s.canRemember} onChange={(e) => setRemember(e.target.checked)} data-testid="unlock-remember" /> {t('remember')}
        </label>
        {!s.canRemember && <p className="muted">{t('noKeychain')}</p>}
        <ErrorBanner error={error} />
        <button type="submit" disabled={busy || !passphrase} data-testid="unlock-submit">
          {t('open')}
        </button>
        <p className="muted">{t('lost')}</p>
      </form>
    </div>
  );
}
