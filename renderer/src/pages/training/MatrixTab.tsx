import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../../shared/enums';
import type { CellState, MatrixRow } from '../../../../electron/contract/training';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PopulationNote } from '../../components/PopulationNote';
import { pct, ratioClass, STATES } from './util';

/** Partners × required courses at a date, each cell coloured by the state of the partner's best certificate. */
export function MatrixTab({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation(['training', 'common']);
  const [tier, setTier] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [courseCode, setCourseCode] = useState('');
  const matrix = useOp('training.matrix', {
    asOf,
    ...(tier ? { tiers: [tier as (typeof TIERS)[number]] } : {}),
    ...(problemsOnly ? { states: ['expiring30', 'expiring60', 'expired', 'missing'] as CellState[] } : {}),
  });
  const zh = i18n.language === 'zh-CN';

  const columns = useMemo<Array<ColDef<MatrixRow> | ColGroupDef<MatrixRow>>>(() => {
    const courses = (matrix.data?.courses ?? []).filter((c) => !courseCode || c.code === courseCode);
    const rules = Object.fromEntries(STATES.map((s) => [`tc-${s}`, (p: { value: unknown }) => p.value === s]));
    return [
      { field: 'partnerCode', headerName: t('training:record.partner'), width: 110, pinned: 'left' },
      { field: 'partnerName', headerName: t('training:record.partnerName'), width: 200, pinned: 'left' },
      { field: 'tier', headerName: t('training:matrix.tier'), width: 100, valueFormatter: (p) => (p.value ? t(`common:tier.${p.value}`) : '') },
      { field: 'channelType', headerName: t('training:matrix.channelType'), width: 120, valueFormatter: (p) => (p.value ? t(`common:channelType.${p.value}`) : '') },
      { field: 'required', headerName: t('training:compliance.required'), width: 90 },
      { field: 'valid', headerName: t('training:compliance.valid'), width: 90 },
      { field: 'expiringIn90Days', headerName: t('training:compliance.expiringIn90Days'), width: 110 },
      {
        field: 'compliance',
        headerName: t('training:compliance.ratio'),
        width: 110,
        valueFormatter: (p) => pct(p.value as number | null),
        cellClass: (p) => ratioClass(p.value as number | null),
      },
      ...courses.map<ColDef<MatrixRow>>((c) => ({
        colId: `course_${c.code}`,
        headerName: c.code,
        headerTooltip: zh ? c.titleZh : c.titleEn,
        width: 120,
        valueGetter: (p) => p.data?.cells[c.code]?.state ?? null,
        valueFormatter: (p) => {
          const cell = p.data?.cells[c.code];
          if (!cell) return '';
          if (cell.state === 'missing') return t('training:state.missing');
          return cell.expiresOn ?? t('training:course.noExpiry');
        },
        filterValueGetter: (p) => {
          const s = p.data?.cells[c.code]?.state;
          return s ? t(`training:state.${s}`) : t('training:state.notRequired');
        },
        tooltipValueGetter: (p) => (p.value ? t(`training:state.${p.value}`) : t('training:state.notRequired')),
        cellClassRules: rules,
      })),
    ];
  }, [matrix.data, t, zh, courseCode]);
  // With one course chosen, only the partners that must hold it.
  const rows = useMemo(() => (courseCode ? matrix.data?.rows.filter((r) => r.cells[courseCode]) : matrix.data?.rows), [matrix.data, courseCode]);

  return (
    <>
      <div className="tc-toolbar">
        <label className="inline">
          {t('training:matrix.tier')}
          <select value={tier} onChange={(e) => setTier(e.target.value)} data-testid="matrix-tier">
            <option value="">{t('training:matrix.all')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {t(`common:tier.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t('training:record.course')}
          <select value={courseCode} onChange={(e) => setCourseCode(e.target.value)} data-testid="matrix-course">
            <option value="">{t('training:matrix.all')}</option>
            {matrix.data?.courses.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} · {zh ? c.titleZh : c.titleEn}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} data-testid="matrix-problems" /> {t('training:matrix.problemsOnly')}
        </label>
        <span className="tc-legend" data-testid="matrix-legend">
          {STATES.map((s) => (
            <span key={s} className={`tc-${s}`}>
              {t(`training:state.${s}`)} {matrix.data ? matrix.data.totals[s] : ''}
            </span>
          ))}
        </span>
      </div>
      <PopulationNote population={matrix.data?.population} testId="matrix-population" />
      <ErrorBanner error={matrix.error} />
      <DataGrid<MatrixRow>
        stateKey="training.matrix"
        testId="matrix-grid"
        rows={rows}
        columns={columns as ColDef<MatrixRow>[]}
        getRowId={(r) => String(r.partnerId)}
      />
    </>
  );
}
