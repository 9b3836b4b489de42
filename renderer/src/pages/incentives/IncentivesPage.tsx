import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramRow, ProgramTemplate, ProgramWithDefinition } from '../../../../electron/contract/incentives';
import { localDate } from '../../../../shared/clock';
import { call } from '../../api/client';
import { bridge } from '../../api/client';
import { useMutationOp, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgramEditor } from './ProgramEditor';

export default function IncentivesPage() {
  const { t } = useTranslation(['incentives', 'common']);
  const list = useOp('incentives.programs.list', {});
  const importer = useMutationOp('incentives.programs.import');
  const exporter = useMutationOp('incentives.programs.export');
  const [editing, setEditing] = useState<ProgramWithDefinition | 'new' | ProgramTemplate | null>(null);
  const templates = useOp('incentives.programs.templates', {});
  const [notice, setNotice] = useState<string | null>(null);

  const columns = useMemo<ColDef<ProgramRow>[]>(
    () => [
      { field: 'code', headerName: t('incentives:field.code'), width: 180, pinned: 'left' },
      { field: 'name', headerName: t('incentives:field.name'), flex: 2, minWidth: 220 },
      { field: 'type', headerName: t('incentives:field.type'), width: 130, valueFormatter: (p) => t(`incentives:type.${p.value}`) },
      { field: 'periodKind', headerName: t('incentives:field.periodKind'), width: 100, valueFormatter: (p) => t(`incentives:periodKind.${p.value}`) },
      { field: 'currency', headerName: t('incentives:field.currency'), width: 90 },
      { field: 'validFrom', headerName: t('incentives:field.validFrom'), width: 120 },
      { field: 'validTo', headerName: t('incentives:field.validTo'), width: 120 },
      { field: 'runs', headerName: t('incentives:field.runs'), width: 90 },
      { field: 'active', headerName: t('incentives:field.active'), width: 90, valueFormatter: (p) => (p.value ? '✓' : '—') },
    ],
    [t],
  );

  const importJson = async () => {
    const file = await bridge.platform.pickFile([{ name: 'JSON', extensions: ['json'] }]);
    if (!file) return;
    const r = await importer.mutateAsync({ path: file.path }).catch(() => null);
    if (r) setNotice(t('incentives:imported', { count: r.imported, codes: r.codes.join(', ') }));
  };
  const exportJson = async () => {
    const env = await bridge.platform.env();
    const out = `${env.filesDir}/programs-${localDate()}.json`;
    const r = await exporter.mutateAsync({ out, onExists: 'rename' }).catch(() => null);
    if (r?.path) {
      setNotice(t('incentives:exported', { path: r.path }));
      await bridge.platform.showItem(r.path);
    }
  };

  return (
    <div className="page page-fill">
      <h1>{t('incentives:title')}</h1>
      <ErrorBanner error={list.error ?? importer.error ?? exporter.error} />
      {notice && <div className="notice" data-testid="programs-notice">{notice}</div>}
      <DataGrid<ProgramRow>
        exportAs={{ grid: 'programs', query: {}, title: t('common:nav.incentives'), fileName: 'programs' }}
        stateKey="programs"
        testId="programs-grid"
        rows={list.data}
        columns={columns}
        getRowId={(p) => String(p.id)}
        onRowClicked={(p) => void call('incentives.programs.get', { id: p.id }).then(setEditing)}
        toolbar={
          <>
            <button onClick={() => void importJson()} data-testid="programs-import">{t('incentives:importJson')}</button>
            <button onClick={() => void exportJson()} data-testid="programs-export">{t('incentives:exportJson')}</button>
            {(templates.data?.length ?? 0) > 0 && (
              <select
                value=""
                onChange={(e) => setEditing(templates.data!.find((x) => x.code === e.target.value) ?? null)}
                aria-label={t('incentives:fromTemplate.choose')}
                data-testid="program-from-template"
              >
                <option value="">{t('incentives:fromTemplate.choose')}</option>
                {templates.data!.map((x) => (
                  <option key={x.code} value={x.code}>
                    {t('incentives:fromTemplate.option', { name: x.name, code: x.code, badge: t('common:hqBadge', { version: x.version }) })}
                  </option>
                ))}
              </select>
            )}
            <button className="primary" onClick={() => setEditing('new')} data-testid="program-new">{t('incentives:newProgram')}</button>
          </>
        }
      />
      {editing &&
        (editing === 'new' ? (
          <ProgramEditor program={null} onClose={() => setEditing(null)} />
        ) : 'draft' in editing ? (
          <ProgramEditor program={null} template={editing} onClose={() => setEditing(null)} />
        ) : (
          <ProgramEditor program={editing} onClose={() => setEditing(null)} />
        ))}
    </div>
  );
}
