import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingRecord, TrainingRecordRow } from '../../../../electron/contract/training';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { useMine } from '../../mine';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RecordForm } from './RecordForm';

export function RecordsTab({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation(['training', 'common']);
  const [editing, setEditing] = useState<TrainingRecord | 'new' | null>(null);
  // The domain reads each certificate's state at the page's day, so the export writes the state the grid shows.
  const mine = useMine('trainingRecords');
  const list = useOp('training.records.list', { asOf, limit: 100_000, ...mine.filter }, { enabled: mine.ready });
  const zh = i18n.language === 'zh-CN';

  const columns = useMemo<ColDef<TrainingRecordRow>[]>(
    () => [
      { field: 'partnerCode', headerName: t('training:record.partner'), width: 110, pinned: 'left' },
      { field: 'partnerName', headerName: t('training:record.partnerName'), flex: 1, minWidth: 200, context: { export: { fields: zh ? ['partnerName'] : ['partnerNameEn', 'partnerName'], pick: 'first' } }, valueGetter: (p) => (!zh && p.data?.partnerNameEn ? p.data.partnerNameEn : p.data?.partnerName) },
      { field: 'courseCode', headerName: t('training:course.code'), width: 110 },
      { colId: 'courseTitle', headerName: t('training:record.course'), flex: 1, minWidth: 180, context: { export: { fields: [zh ? 'courseTitleZh' : 'courseTitleEn'] } }, valueGetter: (p) => (zh ? p.data?.courseTitleZh : p.data?.courseTitleEn) },
      { field: 'trainee', headerName: t('training:record.trainee'), width: 110 },
      { field: 'completedOn', headerName: t('training:record.completedOn'), width: 120, sort: 'desc' },
      { field: 'expiresOn', headerName: t('training:record.expiresOn'), width: 120, valueFormatter: (p) => (p.data?.passed ? (p.value ?? t('training:course.noExpiry')) : '') },
      {
        field: 'state',
        headerName: t('training:record.state'),
        width: 110,
        valueFormatter: (p) => (p.value ? t(`training:recordState.${p.value}`) : ''),
        filterValueGetter: (p) => (p.data ? t(`training:recordState.${p.data.state}`) : ''),
        cellClassRules: { 'tc-valid': (p) => p.value === 'valid', 'tc-expired': (p) => p.value === 'expired', 'tc-missing': (p) => p.value === 'failed' },
      },
      { field: 'score', headerName: t('training:record.score'), width: 90 },
      { field: 'passed', headerName: t('training:record.passed'), width: 90, valueFormatter: (p) => (p.value ? t('common:actions.yes') : t('common:actions.no')) },
      { field: 'certificateNo', headerName: t('training:record.certificateNo'), width: 170 },
    ],
    [t, zh],
  );

  return (
    <>
      <ErrorBanner error={list.error} />
      {list.data && list.data.total > list.data.rows.length && (
        <p className="notice" data-testid="records-truncated">
          {t('training:record.truncated', { shown: list.data.rows.length.toLocaleString(), total: list.data.total.toLocaleString() })}
        </p>
      )}
      <DataGrid<TrainingRecordRow>
        exportAs={{ grid: 'trainingRecords', query: { asOf, ...mine.filter }, title: t('common:nav.training'), fileName: 'training-records' }}
        stateKey="training.records"
        testId="records-grid"
        rows={list.data?.rows}
        columns={columns}
        getRowId={(r) => String(r.id)}
        onRowClicked={(r) => setEditing(r)}
        toolbar={
          <>
            <label className="inline">
              <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid="records-mine" /> {t('partners:mine')}
            </label>
            {mine.nobody && <small className="muted">{t('partners:mineNobody')}</small>}
            <button className="primary" onClick={() => setEditing('new')} data-testid="record-new">
              {t('training:record.new')}
            </button>
          </>
        }
      />
      {editing && <RecordForm record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
