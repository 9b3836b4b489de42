import { useTranslation } from 'react-i18next';
import { planRowWord } from '../../../../shared/errorMessages';
import { bridge } from '../../api/client';
import { useJob } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';

interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
  reason?: string;
}

/** Export the plan to Excel, and bring the edited workbook back (all or nothing; every bad row listed). */
export function PlanWorkbook({ code, disabled }: { code: string; disabled: boolean }) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const exporter = useJob('plans.exportXlsx');
  const importer = useJob('plans.importXlsx');
  const exportNow = async () => {
    const env = await bridge.platform.env();
    const sep = env.filesDir.includes('\\') ? '\\' : '/';
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    await exporter.start({ code, out: `${env.filesDir}${sep}plan-${code}-${stamp}.xlsx`, lang: i18n.language.startsWith('zh') ? 'zh-CN' : 'en', onExists: 'rename' });
  };
  const importNow = async () => {
    const f = await bridge.platform.pickFile([{ name: 'Excel', extensions: ['xlsx'] }]);
    if (f) await importer.start({ code, path: f.path });
  };
  const rowErrors = ((importer.error?.body as { data?: { errors?: RowError[] } } | undefined)?.data?.errors ?? []).slice(0, 50);
  return (
    <div className="plan-workbook">
      <button type="button" onClick={() => void exportNow()} disabled={exporter.running} data-testid="plan-export">
        {t('plans:export')}
      </button>
      <button type="button" onClick={() => void importNow()} disabled={disabled || importer.running} data-testid="plan-import">
        {t('plans:import')}
      </button>
      {(exporter.running || importer.running) && <JobProgressBar progress={exporter.running ? exporter.progress : importer.progress} label={t('plans:working')} />}
      {exporter.result && (
        <span className="muted" data-testid="plan-exported">
          {exporter.result.path.split(/[\\/]/).pop()}{' '}
          <button type="button" onClick={() => void bridge.platform.showItem(exporter.result!.path)} data-testid="plan-export-open">
            {t('plans:openFile')}
          </button>
        </span>
      )}
      {importer.result && (
        <span className="ok" data-testid="plan-imported">
          {t('plans:imported', { locked: importer.result.locked, unlocked: importer.result.unlocked })}
        </span>
      )}
      <ErrorBanner error={exporter.error ?? importer.error} />
      {rowErrors.length > 0 && (
        <table className="plan-errors" data-testid="plan-import-errors">
          <thead>
            <tr>
              <th>{t('plans:errorRow')}</th>
              <th>{t('plans:errorColumn')}</th>
              <th>{t('plans:errorValue')}</th>
              <th>{t('plans:errorMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {rowErrors.map((e) => (
              <tr key={`${e.row}:${e.column}`}>
                <td>{e.row}</td>
                <td>{e.column}</td>
                <td>{e.value}</td>
                <td>{e.reason ? planRowWord(e.reason, i18n.language.startsWith('zh') ? 'zh-CN' : 'en', true) : e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
