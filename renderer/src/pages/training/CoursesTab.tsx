import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course } from '../../../../electron/contract/training';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { HqBadge } from '../../components/HqBadge';
import { CourseForm } from './CourseForm';

export function CoursesTab() {
  const { t, i18n } = useTranslation(['training', 'common']);
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const list = useOp('training.courses.list', { includeInactive: true });
  const zh = i18n.language === 'zh-CN';

  const columns = useMemo<ColDef<Course>[]>(
    () => [
      { field: 'code', headerName: t('training:course.code'), width: 120, pinned: 'left' },
      {
        // Pulled from HQ (read-only here): the badge with its version; the export reads "HQ v3" / "总部 v3".
        colId: 'source',
        headerName: t('training:course.source'),
        width: 100,
        valueGetter: (p) => (p.data?.hqVersion != null ? t('common:hqBadge', { version: p.data.hqVersion }) : t('training:course.local')),
        cellRenderer: (p: { data?: Course; value?: string }) => (p.data?.hqVersion != null ? <HqBadge kind="course" code={p.data.code} version={p.data.hqVersion} /> : <span className="muted">{p.value}</span>),
      },
      { colId: 'title', headerName: t('training:course.title'), flex: 2, minWidth: 220, valueGetter: (p) => (zh ? p.data?.titleZh : p.data?.titleEn) },
      { field: 'category', headerName: t('training:course.category'), width: 120, valueFormatter: (p) => (p.value ? t(`training:category.${p.value}`) : ''), filterValueGetter: (p) => t(`training:category.${p.data?.category}`) },
      { field: 'validityMonths', headerName: t('training:course.validityMonths'), width: 130, valueFormatter: (p) => (p.value == null ? t('training:course.noExpiry') : String(p.value)) },
      { field: 'requiredTiers', headerName: t('training:course.requiredTiers'), flex: 1, minWidth: 160, valueFormatter: (p) => ((p.value as string[] | undefined) ?? []).map((x) => t(`common:tier.${x}`)).join(', ') },
      { field: 'requiredChannelTypes', headerName: t('training:course.requiredChannelTypes'), flex: 1, minWidth: 160, valueFormatter: (p) => ((p.value as string[] | undefined) ?? []).map((x) => t(`common:channelType.${x}`)).join(', ') },
      { field: 'passingScore', headerName: t('training:course.passingScore'), width: 110 },
      { field: 'recordCount', headerName: t('training:course.recordCount'), width: 110 },
      { field: 'active', headerName: t('training:course.active'), width: 90, valueFormatter: (p) => (p.value ? t('common:actions.yes') : t('common:actions.no')) },
    ],
    [t, zh],
  );

  return (
    <>
      <ErrorBanner error={list.error} />
      <DataGrid<Course>
        stateKey="training.courses"
        testId="courses-grid"
        rows={list.data}
        columns={columns}
        getRowId={(c) => String(c.id)}
        onRowClicked={(c) => setEditing(c)}
        toolbar={
          <button className="primary" onClick={() => setEditing('new')} data-testid="course-new">
            {t('training:course.new')}
          </button>
        }
      />
      {editing && <CourseForm course={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
