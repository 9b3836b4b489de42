import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupFileInfo } from '../../../../electron/contract/backups';
import { bridge } from '../../api/client';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { Modal } from '../../components/Modal';
import { formatDateTime } from '../../format';
import { errorText, messageLanguage } from '../../../../shared/errorMessages';

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Settings → Backups: where they go, what there is, back up now, restore with confirmation. */
export function BackupsSection() {
  const { t } = useTranslation(['backups', 'common']);
  const list = useOp('backups.list', {});
  const backupNow = useJob('backups.create');
  const setFolder = useMutationOp('system.settings.set');
  const [restoring, setRestoring] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ from: string; replaced: string | null } | null>(null);

  const kindLabel = (b: BackupFileInfo) =>
    b.kind === 'daily' || b.kind === 'manual'
      ? t(`backups:kind.${b.kind}`)
      : b.kind.startsWith('before-migration-')
        ? t('backups:kind.migration')
        : t('backups:kind.operation', { op: t(`operations:${b.kind.replace(/^before-/, '')}`, { defaultValue: t('backups:kind.anOperation') }) });

  const pickFolder = async () => {
    const folder = await bridge.platform.pickFolder();
    if (folder) setFolder.mutate({ key: 'backup.folder', value: folder }, { onSuccess: () => void list.refetch() });
  };
  const pickFile = async () => {
    const f = await bridge.platform.pickFile([{ name: 'SQLite', extensions: ['sqlite', 'db', 'bak'] }]);
    if (f) setRestoring(f.path);
  };

  return (
    <section data-testid="backups-section">
      <h2>{t('backups:title')}</h2>
      <p>
        {t('backups:folder')}: <code data-testid="backups-folder">{list.data?.folder}</code> {list.data?.isDefaultFolder && <span className="muted">{t('backups:defaultFolder')}</span>}
      </p>
      <p className="muted">{t('backups:retention', { daily: list.data?.retention.daily ?? 7, weekly: list.data?.retention.weekly ?? 4 })}</p>
      <div className="actions">
        <button className="primary" disabled={backupNow.running} onClick={() => void backupNow.start({}).then(() => list.refetch())} data-testid="backups-now">
          {t('backups:backupNow')}
        </button>
        <button onClick={() => void pickFolder()} data-testid="backups-folder-change">
          {t('backups:changeFolder')}
        </button>
        {!list.data?.isDefaultFolder && (
          <button onClick={() => setFolder.mutate({ key: 'backup.folder', value: null }, { onSuccess: () => void list.refetch() })}>{t('backups:resetFolder')}</button>
        )}
        <button onClick={() => void pickFile()} data-testid="backups-restore-file">
          {t('backups:restoreFile')}
        </button>
      </div>
      {backupNow.running && <JobProgressBar progress={backupNow.progress} onCancel={backupNow.cancel} />}
      {backupNow.result && <p className="ok">{t('backups:created', { path: backupNow.result.path })}</p>}
      {restored && (
        <p className="ok" data-testid="backups-restored">
          {t('backups:restored', { from: restored.from, replaced: restored.replaced ?? '—' })}
        </p>
      )}
      <ErrorBanner error={list.error ?? backupNow.error ?? setFolder.error} />
      {list.data && list.data.backups.length === 0 && <p className="muted">{t('backups:none')}</p>}
      {list.data && list.data.backups.length > 0 && (
        <table className="table" data-testid="backups-table">
          <thead>
            <tr>
              <th>{t('backups:field.at')}</th>
              <th>{t('backups:field.kind')}</th>
              <th>{t('backups:field.size')}</th>
              <th>{t('backups:field.path')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.backups.map((b) => (
              <tr key={b.path}>
                <td>{formatDateTime(b.at)}</td>
                <td>{kindLabel(b)}</td>
                <td>{size(b.bytes)}</td>
                <td>
                  <code>{b.name}</code>
                </td>
                <td>
                  <button onClick={() => setRestoring(b.path)} data-testid="backups-restore">
                    {t('backups:restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <RestoreConfirm
          path={restoring}
          onClose={() => setRestoring(null)}
          onRestored={(r) => {
            setRestoring(null);
            setRestored(r);
          }}
        />
      )}
    </section>
  );
}

/** Shows what the backup holds and whether it passed validation before anything is replaced. */
function RestoreConfirm({ path, onClose, onRestored }: { path: string; onClose: () => void; onRestored: (r: { from: string; replaced: string | null }) => void }) {
  const { t, i18n } = useTranslation(['backups', 'common']);
  const lang = messageLanguage(i18n.language);
  const inspection = useOp('backups.inspect', { path }, { gcTime: 0 });
  const restore = useMutationOp('backups.restore');
  const i = inspection.data;
  return (
    <Modal title={t('backups:confirm.title')} onClose={onClose} testId="backups-restore-confirm">
      <p>
        <code>{path}</code>
      </p>
      {inspection.isLoading && <p className="muted">{t('backups:confirm.checking')}</p>}
      {i && i.ok && (
        <>
          <p className="ok">{t('backups:confirm.ok', { schema: i.schemaVersion, app: i.appSchemaVersion })}</p>
          <p>
            {t('backups:confirm.contents', {
              partners: i.counts.partners ?? 0,
              sales: i.counts.sales_lines ?? 0,
              runs: i.counts.payout_runs ?? 0,
              last: i.lastChangeAt ? formatDateTime(i.lastChangeAt) : '—',
            })}
          </p>
          <p className="warning">{t('backups:confirm.warning')}</p>
        </>
      )}
      {i && !i.ok && (
        <div className="error-banner" role="alert" data-testid="backups-restore-problems">
          {t('backups:confirm.bad')}
          <ul>
            {i.issues.map((p, n) => (
              <li key={n}>{errorText({ message: i.problems[n] ?? p.reason, data: p }, lang)}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorBanner error={inspection.error ?? restore.error} />
      <div className="actions">
        <button onClick={onClose}>{t('common:actions.cancel')}</button>
        <button
          className="danger"
          disabled={!i?.ok || restore.isPending}
          onClick={() => restore.mutate({ from: path, confirm: true }, { onSuccess: (r) => onRestored({ from: r.from, replaced: r.replacedPath }) })}
          data-testid="backups-restore-go"
        >
          {t('backups:confirm.go')}
        </button>
      </div>
    </Modal>
  );
}
