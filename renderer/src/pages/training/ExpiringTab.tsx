import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpiringCertificate } from '../../../../electron/contract/training';
import { bridge } from '../../api/client';
import { useJob, useOp } from '../../api/hooks';
import { useMine } from '../../mine';
import { nameExport, partnerNameIn } from '../../partnerName';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';

const stateOf = (days: number) => (days <= 30 ? 'expiring30' : days <= 60 ? 'expiring60' : 'expiring90');

export function ExpiringTab({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation(['training', 'common', 'partners']);
  const [days, setDays] = useState(90);
  // "Mine": the certificates of the partners I own now — narrowed in the domain, so the exports hold the same rows.
  const mine = useMine('training.expiring');
  const query = { asOf, days, ...mine.filter };
  const list = useOp('training.expiring', query, { enabled: mine.ready });
  const rows = list.data?.rows;
  const exporter = useJob('training.exportExpiring');
  const zh = i18n.language === 'zh-CN';

  const exportAs = async (format: 'csv' | 'xlsx') => {
    const env = await bridge.platform.env();
    const sep = env.filesDir.includes('\\') ? '\\' : '/';
    const out = `${env.filesDir}${sep}expiring-certifications-${asOf}-${days}d.${format}`;
    const r = await exporter.start({ ...query, format, lang: zh ? 'zh-CN' : 'en', out, onExists: 'rename' });
    if (r) await bridge.platform.showItem(r.path);
  };

  const columns = useMemo<ColDef<ExpiringCertificate>[]>(
    () => [
      { field: 'expiresOn', headerName: t('training:record.expiresOn'), width: 120, sort: 'asc' },
      {
        field: 'daysLeft',
        headerName: t('training:expiring.daysLeft'),
        width: 100,
        cellClassRules: { 'tc-expiring30': (p) => (p.value as number) <= 30, 'tc-expiring60': (p) => (p.value as number) > 30 && (p.value as number) <= 60, 'tc-expiring90': (p) => (p.value as number) > 60 },
      },
      { field: 'partnerCode', headerName: t('training:record.partner'), width: 110 },
      { field: 'partnerName', headerName: t('training:record.partnerName'), flex: 1, minWidth: 180, context: { export: nameExport(zh) }, valueGetter: (p) => partnerNameIn(zh, p.data) },
      { field: 'partnerOwner', headerName: t('training:expiring.owner'), width: 110 },
      { field: 'courseCode', headerName: t('training:course.code'), width: 110 },
      { colId: 'courseTitle', headerName: t('training:record.course'), flex: 1, minWidth: 160, context: { export: { fields: [zh ? 'courseTitleZh' : 'courseTitleEn'] } }, valueGetter: (p) => (zh ? p.data?.courseTitleZh : p.data?.courseTitleEn) },
      { field: 'trainee', headerName: t('training:record.trainee'), width: 110 },
      { field: 'certificateNo', headerName: t('training:record.certificateNo'), width: 170 },
      { field: 'required', headerName: t('training:expiring.required'), width: 90, valueFormatter: (p) => (p.value ? t('common:actions.yes') : t('common:actions.no')) },
      { field: 'partnerCovered', headerName: t('training:expiring.covered'), width: 130, valueFormatter: (p) => (p.value ? t('common:actions.yes') : t('common:actions.no')) },
    ],
    [t, zh],
  );

  return (
    <>
      <div className="tc-toolbar">
        <label className="inline">
          {t('training:expiring.within')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="expiring-days">
            {[30, 60, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                {t('training:expiring.days', { count: d })}
              </option>
            ))}
          </select>
        </label>
        <span className="tc-legend">
          {(['expiring30', 'expiring60', 'expiring90'] as const).map((s) => (
            <span key={s} className={`tc-${s}`}>
              {t(`training:state.${s}`)} {list.data?.rows.filter((r) => stateOf(r.daysLeft) === s).length ?? ''}
            </span>
          ))}
        </span>
        <label className="inline">
          <input type="checkbox" checked={mine.mine} onChange={(e) => mine.setMine(e.target.checked)} data-testid="expiring-mine" /> {t('partners:mine')}
        </label>
        {mine.nobody && <small className="muted">{t('partners:mineNobody')}</small>}
        <div className="spacer" />
        <button onClick={() => void exportAs('xlsx')} disabled={exporter.running || !list.data?.rows.length} data-testid="expiring-export-xlsx">
          {t('common:actions.export')} XLSX
        </button>
        <button onClick={() => void exportAs('csv')} disabled={exporter.running || !list.data?.rows.length} data-testid="expiring-export-csv">
          {t('common:actions.export')} CSV
        </button>
      </div>
      {exporter.running && <JobProgressBar progress={exporter.progress} onCancel={exporter.cancel} />}
      {exporter.result && (
        <div className="ok" data-testid="expiring-exported">
          {t('training:expiring.exported', { count: exporter.result.rows, path: exporter.result.path })}
        </div>
      )}
      <ErrorBanner error={list.error ?? exporter.error} />
      <DataGrid<ExpiringCertificate> exportAs={{ grid: 'trainingExpiring', query, title: t('common:nav.training'), fileName: `expiring-${asOf}` }} stateKey="training.expiring" testId="expiring-grid" rows={rows} columns={columns} getRowId={(r) => String(r.recordId)} />
    </>
  );
}
