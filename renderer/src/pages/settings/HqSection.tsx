import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { formatDateTime, formatMoney } from '../../format';
import { useToday } from '../../today';
import { quartersBack } from '../../../../shared/period';

/** Settings → HQ: the connection (address without password, key file, office), publish now with progress, the last outcome. */
export function HqSection() {
  const { t } = useTranslation(['hq', 'common']);
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
      {s?.lastError && !publish.running && <p className="error">{t('hq:lastError', { message: s.lastError })}</p>}
      {publish.result && (
        <p className="ok" data-testid="hq-published">
          {t('hq:published', { changes: publish.result.changes, office: publish.result.office, upserted: publish.result.upserted, deleted: publish.result.deleted })}
        </p>
      )}
      <ErrorBanner error={status.error ?? configure.error ?? savePassword.error ?? forgetPassword.error ?? publish.error} />
      {s?.url && <HqOverview />}
    </section>
  );
}

/** The HQ overview across offices (read-only; needs a role HQ lets read every office). */
function HqOverview() {
  const { t } = useTranslation(['hq']);
  const today = useToday();
  const [period, setPeriod] = useState(() => quartersBack(today, 0)[0]);
  const [shown, setShown] = useState<string | null>(null);
  const dash = useOp('hq.dashboard', { period: shown ?? period }, { enabled: shown !== null });
  const d = dash.data;
  const table = (title: string, head: string[], rows: Array<Array<string | number>>, id: string) => (
    <div>
      <h4>{title}</h4>
      <table className="table" data-testid={id}>
        <thead>
          <tr>{head.map((h) => <th key={h}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div data-testid="hq-overview">
      <h3>{t('hq:dashboard.title')}</h3>
      <label>
        {t('hq:dashboard.period')} <input value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="hq-period" />
      </label>{' '}
      <button onClick={() => setShown(period)} data-testid="hq-dashboard-load">
        {t('hq:dashboard.load')}
      </button>
      <ErrorBanner error={dash.error} />
      {d && (
        <>
          {table(t('hq:dashboard.byOffice'), [t('hq:dashboard.officeCol'), t('hq:dashboard.revenueCol'), t('hq:dashboard.partnersCol')], d.revenueByOffice.map((r) => [r.office, formatMoney(r.revenueMinor), r.partners]), 'hq-by-office')}
          {table(t('hq:dashboard.byTerritory'), [t('hq:dashboard.officeCol'), t('hq:dashboard.territoryCol'), t('hq:dashboard.revenueCol')], d.revenueByTerritory.map((r) => [r.office, r.territory ?? '—', formatMoney(r.revenueMinor)]), 'hq-by-territory')}
          {table(t('hq:dashboard.grades'), [t('hq:dashboard.gradeCol'), t('hq:dashboard.partnersCol')], d.grades.map((g) => [t('hq:dashboard.gradeValue', { grade: g.grade }), g.partners]), 'hq-grades')}
          {table(t('hq:dashboard.top'), [t('hq:dashboard.officeCol'), t('hq:dashboard.partnerCol'), t('hq:dashboard.revenueCol')], d.top.map((r) => [r.office, r.partnerCode, formatMoney(r.revenueMinor)]), 'hq-top')}
          {table(t('hq:dashboard.bottom'), [t('hq:dashboard.officeCol'), t('hq:dashboard.partnerCol'), t('hq:dashboard.revenueCol')], d.bottom.map((r) => [r.office, r.partnerCode, formatMoney(r.revenueMinor)]), 'hq-bottom')}
          {table(t('hq:dashboard.payouts'), [t('hq:dashboard.officeCol'), t('hq:dashboard.payoutCol')], d.payoutsByOffice.map((r) => [r.office, formatMoney(r.payoutMinor)]), 'hq-payouts')}
          {table(t('hq:dashboard.risks'), [t('hq:dashboard.levelCol'), t('hq:dashboard.countCol')], d.risksByLevel.map((r) => [t(`dashboard:level.${r.level}`, { defaultValue: r.level }), r.open]), 'hq-risks')}
          {table(
            t('hq:dashboard.activity'),
            [t('hq:dashboard.officeCol'), t('hq:dashboard.operationsCol'), t('hq:dashboard.refusedCol'), t('hq:dashboard.usersCol'), t('hq:dashboard.lastAtCol')],
            d.activityByOffice.map((r) => [r.office, r.operations, r.refused, r.users, formatDateTime(r.lastAt)]),
            'hq-activity',
          )}
        </>
      )}
    </div>
  );
}
