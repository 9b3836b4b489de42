import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageLanguage } from '../../../../shared/errorMessages';
import { importErrorLine, skippedRowsText } from '../../../../shared/importMessages';
import { schemaMessageText } from '../../../../shared/validationMessages';
import type { ImportRecord } from '../../../../electron/contract/imports';
import { useJob, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format';
import { JobProgressBar } from '../../components/JobProgressBar';
import { Modal } from '../../components/Modal';

/** Past imports with their counts; a committed one can be undone. */
export function ImportHistory() {
  const { t, i18n } = useTranslation(['imports', 'common']);
  const lang = messageLanguage(i18n.language);
  const list = useOp('imports.list', {});
  const undo = useJob('imports.undo');
  const [showErrors, setShowErrors] = useState<ImportRecord | null>(null);

  const columns = useMemo<ColDef<ImportRecord>[]>(
    () => [
      { field: 'id', headerName: '#', width: 70 },
      { field: 'startedAt', headerName: t('imports:history.time'), width: 170, valueFormatter: (p) => formatDateTime(p.value as string) },
      { field: 'kind', headerName: t('imports:kind'), width: 120, valueFormatter: (p) => (p.value ? t(`imports:kinds.${p.value}`) : '') },
      { field: 'fileName', headerName: t('imports:history.file'), flex: 1, minWidth: 180 },
      { field: 'status', headerName: t('imports:history.status'), width: 110, valueFormatter: (p) => (p.value ? t(`imports:status.${p.value}`) : '') },
      { field: 'rowsRead', headerName: t('imports:counts.rowsRead'), width: 100 },
      { field: 'inserted', headerName: t('imports:counts.inserted'), width: 100 },
      { field: 'updated', headerName: t('imports:counts.updated'), width: 100 },
      { field: 'duplicates', headerName: t('imports:counts.duplicates'), width: 110 },
      {
        field: 'rejected',
        headerName: t('imports:counts.rejected'),
        width: 100,
        // The rejected rows' reasons, kept with the import, open from their count.
        cellRenderer: (p: { data?: ImportRecord }) =>
          p.data && p.data.rejected > 0 ? (
            <button title={t('imports:history.showErrors', { count: p.data.rejected })} data-testid={`import-errors-${p.data.id}`} onClick={() => setShowErrors(p.data!)}>
              {p.data.rejected.toLocaleString()}
            </button>
          ) : (
            (p.data?.rejected ?? '')
          ),
      },
      {
        colId: 'skipped',
        headerName: t('imports:history.skipped'),
        width: 90,
        // Title and total rows the reader skipped, kept with the import: the count, and which rows in words on hover.
        valueGetter: (p) => (p.data?.skipped ? p.data.skipped.titles.length + p.data.skipped.totals : 0),
        cellRenderer: (p: { data?: ImportRecord; value?: number }) =>
          p.data?.skipped && p.value ? (
            <span title={skippedRowsText(p.data.skipped, lang) ?? ''} data-testid={`import-skipped-${p.data.id}`}>
              {p.value.toLocaleString()}
            </span>
          ) : (
            (p.value ?? '')
          ),
      },
      { field: 'durationMs', headerName: t('imports:history.duration'), width: 100, valueFormatter: (p) => (p.value != null ? `${((p.value as number) / 1000).toFixed(1)} s` : '') },
      { field: 'user', headerName: t('imports:history.user'), width: 100 },
      {
        colId: 'undo',
        headerName: '',
        // Pinned: the reason people open the history is to undo an import, on any window width.
        pinned: 'right',
        width: 110,
        sortable: false,
        filter: false,
        cellRenderer: (p: { data?: ImportRecord }) =>
          p.data?.status === 'committed' ? (
            <button
              disabled={undo.running}
              data-testid={`import-undo-${p.data.id}`}
              onClick={() => {
                if (window.confirm(t('imports:history.confirmUndo', { file: p.data!.fileName, inserted: p.data!.inserted, updated: p.data!.updated }))) {
                  void undo.start({ id: p.data!.id });
                }
              }}
            >
              {t('imports:history.undo')}
            </button>
          ) : null,
      },
    ],
    [t, undo, lang],
  );

  return (
    // A definite height: the imports page grows with its content, so page-fill's 100% resolves to nothing there and the
    // grid inside collapsed to 2 px (no header, no rows).
    <section className="page-fill" style={{ height: 460 }}>
      <h2>{t('imports:history.title')}</h2>
      <ErrorBanner error={list.error ?? undo.error} />
      {undo.running && <JobProgressBar progress={undo.progress} label={t('imports:history.undoing')} />}
      {undo.result && <p className="ok">{t('imports:history.undone', { removed: undo.result.removed, restored: undo.result.restored })}</p>}
      {showErrors && <StoredErrors record={showErrors} onClose={() => setShowErrors(null)} />}
      <DataGrid<ImportRecord> exportAs={{ grid: 'imports', query: {}, title: t('common:nav.imports'), fileName: 'imports' }} stateKey="imports-history" testId="imports-grid" rows={list.data?.rows} columns={columns} getRowId={(r) => String(r.id)} />
    </section>
  );
}

/** The row errors an import kept, in the app's language (runs from before codes show their stored text). */
function StoredErrors({ record, onClose }: { record: ImportRecord; onClose: () => void }) {
  const { t, i18n } = useTranslation('imports');
  const lang = messageLanguage(i18n.language);
  const got = useOp('imports.get', { id: record.id });
  const errors = got.data?.errors ?? [];
  return (
    <Modal title={t('history.errorsTitle', { id: record.id, file: record.fileName })} onClose={onClose} testId="import-stored-errors" wide>
      <ErrorBanner error={got.error} />
      {got.isLoading && <p className="muted">{t('history.errorsLoading')}</p>}
      <ul className="error" data-testid="import-stored-error-list" style={{ maxHeight: 400, overflow: 'auto' }}>
        {errors.map((e, i) => (
          <li key={i}>{importErrorLine(null, e, lang, (m) => schemaMessageText(m, lang))}</li>
        ))}
      </ul>
      {got.data && got.data.errorCount > errors.length && <p className="muted">{t('history.errorsMore', { count: got.data.errorCount, shown: errors.length })}</p>}
    </Modal>
  );
}
