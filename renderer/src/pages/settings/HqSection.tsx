import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, messageLanguage } from '../../../../shared/errorMessages';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';

/** Settings → HQ: the connection (address without password, key file, office), publish now with progress, the last outcome. */
export function HqSection() {
  const { t, i18n } = useTranslation(['hq', 'common']);
  const status = useOp('hq.status', {});
  const configure = useMutationOp('hq.configure');
  const publish = useJob('hq.publish');
  const savePassword = useMutationOp('hq.savePassword');
  const forgetPassword = useMutationOp('hq.forgetPassword');
  const [password, setPassword] = useState('');
  const [url, setUrl] = useState('');
  const [office, setOffice] = useState('');
  const [passwordFile, setPasswordFile] = useState('');
  // Typed but not saved: a refetch of the status (after a publish, the 15-minute auto-publish, the keychain buttons)
  // must not put the stored values back over what the user is editing.
  const dirty = useRef(false);
  const edit = (set: (v: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    dirty.current = true;
    set(e.target.value);
  };
  useEffect(() => {
    if (!status.data || dirty.current) return;
    setUrl(status.data.url ?? '');
    setOffice(status.data.officeName ?? '');
    setPasswordFile(status.data.passwordFile ?? '');
  }, [status.data]);
  const s = status.data;
  const save = () =>
    configure.mutate(
      { url: url.trim() || null, office: office.trim(), passwordFile: passwordFile.trim() || null },
      {
        onSuccess: (saved) => {
          dirty.current = false;
          setUrl(saved.url ?? '');
          setOffice(saved.officeName ?? '');
          setPasswordFile(saved.passwordFile ?? '');
        },
      },
    );
  return (
    <section data-testid="hq-section">
      <h2>{t('hq:title')}</h2>
      <p className="muted">{t('hq:intro')}</p>
      <p>
        {t('hq:workspaceId')}: <code data-testid="hq-workspace-id">{s?.workspaceId}</code>
      </p>
      <div className="form-grid">
        <label>
          {t('hq:office')} <input value={office} maxLength={100} onChange={edit(setOffice)} data-testid="hq-office" />
        </label>
        <label>
          {t('hq:url')} <input value={url} size={60} placeholder={t('hq:urlHint')} onChange={edit(setUrl)} data-testid="hq-url" />
        </label>
        <label>
          {t('hq:passwordFile')} <input value={passwordFile} size={40} onChange={edit(setPasswordFile)} data-testid="hq-password-file" />
        </label>
      </div>
      {s?.url && (
        <div className="form-grid" data-testid="hq-keychain">
          {s.keychain === 'available' ? (
            <>
              <label>
                {t('hq:password')}{' '}
                <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="hq-password" />
              </label>
              <div className="actions">
                <button
                  disabled={!password || savePassword.isPending}
                  onClick={() => savePassword.mutate({ password }, { onSuccess: () => setPassword('') })}
                  data-testid="hq-password-save"
                >
                  {t('hq:passwordSave')}
                </button>
                {s.passwordInKeychain && (
                  <button onClick={() => forgetPassword.mutate({})} disabled={forgetPassword.isPending} data-testid="hq-password-forget">
                    {t('hq:passwordForget')}
                  </button>
                )}
              </div>
              <p className="muted" data-testid="hq-password-state">{s.passwordInKeychain ? t('hq:passwordKept') : t('hq:passwordNotKept')}</p>
            </>
          ) : (
            <p className="muted" data-testid="hq-password-state">{t('hq:keychainUnavailable')}</p>
          )}
        </div>
      )}
      <div className="actions">
        <button
          onClick={save}
          disabled={configure.isPending || !office.trim()}
          data-testid="hq-save"
        >
          {t('hq:save')}
        </button>
        <button className="primary" disabled={publish.running || !s?.url} onClick={() => void publish.start({}).then(() => status.refetch())} data-testid="hq-publish">
          {t('hq:publish')}
        </button>
      </div>
      {publish.running && <JobProgressBar progress={publish.progress} onCancel={publish.cancel} />}
      {s && (
        <p data-testid="hq-state">
          {t('hq:pending', { count: s.pending })} · {s.lastSuccessAt ? t('hq:lastSuccess', { at: formatDateTime(s.lastSuccessAt) }) : t('hq:never')}
        </p>
      )}
      {s?.lastError && !publish.running && (
        <p className="error" data-testid="hq-last-error">
          {t('hq:lastError', { message: errorText({ message: s.lastError.message, data: s.lastError.reason ? { reason: s.lastError.reason, params: s.lastError.params ?? {} } : undefined }, messageLanguage(i18n.language)) })}
        </p>
      )}
      {publish.result && (
        <p className="ok" data-testid="hq-published">
          {t('hq:published', { changes: publish.result.changes, office: publish.result.office, upserted: publish.result.upserted, deleted: publish.result.deleted })}
        </p>
      )}
      <ErrorBanner error={status.error ?? configure.error ?? savePassword.error ?? forgetPassword.error ?? publish.error} />
      {s?.url && (
        <p>
          <Link to="/hq" data-testid="hq-overview-link">
            {t('hq:openOverview')}
          </Link>
        </p>
      )}
    </section>
  );
}
