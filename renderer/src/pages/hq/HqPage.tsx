import type { ColDef } from 'ag-grid-community';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { HqConflict, HqDashboard, HqReferenceItem, HqReportRow } from '../../../../electron/contract/hq';
import { errorReason, errorText, messageLanguage } from '../../../../shared/errorMessages';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { HqBadge, type HqReferenceKind } from '../../components/HqBadge';
import { formatDateTime, formatMoney, formatRatio } from '../../format';
import { useFiscalQuarters } from '../../fiscal';
import { useRiskText } from '../../riskText';
import { EChart } from '../scorecards/EChart';
import './hq.css';

type TerritoryRow = HqDashboard['revenueByTerritory'][number];
type ActivityRow = HqDashboard['activityByOffice'][number];
type RiskRow = HqDashboard['topRisks'][number];

/** Reasons that mean "HQ cannot answer right now" rather than "something is wrong with this request". */
const UNREACHABLE = new Set(['OFFLINE', 'LOGIN', 'NOT_CONFIGURED', 'HQ_SCHEMA_NEWER', 'HQ_SCHEMA_OLDER', 'HQ_NOT_SET_UP', 'NO_DATABASE', 'PASSWORD_FILE', 'hq.passwordFileOpen']);

const bar = (names: string[], values: number[], money: boolean, color: string): EChartsOption => ({
  tooltip: { trigger: 'axis', valueFormatter: (v) => (money ? formatMoney(Number(v)) : String(v)) },
  grid: { left: 90, right: 16, top: 16, bottom: 40 },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 5 ? 30 : 0 } },
  yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (money ? formatMoney(v).replace(/\.00$/, '') : String(v)) } },
  series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 48 }],
});

/**
 * HQ overview (总部概览): the company-wide figures every office published, read from the HQ database through the
 * contract (hq.dashboard, hq.conflicts) — revenue by office and territory, grades, top and bottom partners, payouts,
 * open risks, conflicts between offices, each office's activity — and the reference data this workspace pulled.
 * Shown in the navigation once an HQ connection is configured; when HQ cannot be reached it says so and why.
 */
export default function HqPage() {
  const { t, i18n } = useTranslation(['hq', 'common', 'dashboard']);
  const lang = messageLanguage(i18n.language);
  const riskWords = useRiskText();
  const [params, setParams] = useSearchParams();
  // Quarters as the company counts them (company.fiscalStartMonth), the same labels the offices' evaluations use.
  const fiscal = useFiscalQuarters(3);
  const period = params.get('period') || fiscal.current;
  const [typed, setTyped] = useState<string | null>(null);
  const status = useOp('hq.status', {});
  const configured = Boolean(status.data?.url);
  const dash = useOp('hq.dashboard', { period }, { enabled: configured && fiscal.ready });
  const conflicts = useOp('hq.conflicts', {}, { enabled: configured });
  const reference = useOp('hq.reference.list', {});
  const d = dash.data;
  const failure = dash.error ?? conflicts.error;
  const failureBody = failure && 'body' in failure ? failure.body : null;
  const unreachable = failureBody ? UNREACHABLE.has(errorReason(failureBody.data)?.reason ?? '') : false;
  const money = (minor: number) => formatMoney(minor);
  const grade = (g: string | null) => (g ? t('hq:dashboard.gradeValue', { grade: g }) : '—');
  const choose = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p.trim());
    setParams(next, { replace: true });
    setTyped(null);
  };

  const totals = useMemo(() => {
    if (!d) return null;
    return {
      revenue: d.revenueByOffice.reduce((s, o) => s + o.revenueMinor, 0),
      partners: d.revenueByOffice.reduce((s, o) => s + o.partners, 0),
      payouts: d.payoutsByOffice.reduce((s, o) => s + o.payoutMinor, 0),
      risks: d.risksByLevel.reduce((s, r) => s + r.open, 0),
    };
  }, [d]);

  const partnerColumns = useMemo<ColDef<HqReportRow>[]>(
    () => [
      { field: 'office', headerName: t('hq:dashboard.officeCol'), width: 140 },
      { field: 'partnerCode', headerName: t('hq:dashboard.partnerCol'), width: 130 },
      { field: 'revenueMinor', headerName: t('hq:dashboard.revenueCol'), width: 150, type: 'numericColumn', valueFormatter: (p) => money(p.value as number) },
      { field: 'orders', headerName: t('hq:page.ordersCol'), width: 100, type: 'numericColumn' },
      { field: 'attainment', headerName: t('hq:page.attainmentCol'), width: 110, type: 'numericColumn', valueFormatter: (p) => formatRatio(p.value as number | null) },
      { field: 'grade', headerName: t('hq:dashboard.gradeCol'), width: 100, valueFormatter: (p) => grade(p.value as string | null) },
      { field: 'payoutMinor', headerName: t('hq:dashboard.payoutCol'), width: 140, type: 'numericColumn', valueFormatter: (p) => money(p.value as number) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );
  const territoryColumns = useMemo<ColDef<TerritoryRow>[]>(
    () => [
      { field: 'office', headerName: t('hq:dashboard.officeCol'), width: 160 },
      { field: 'territory', headerName: t('hq:dashboard.territoryCol'), flex: 1, minWidth: 160, valueFormatter: (p) => (p.value as string | null) ?? t('hq:page.noTerritory') },
      { field: 'revenueMinor', headerName: t('hq:dashboard.revenueCol'), width: 160, type: 'numericColumn', valueFormatter: (p) => money(p.value as number) },
    ],
     
    [t],
  );
  const conflictColumns = useMemo<ColDef<HqConflict>[]>(
    () => [
      { field: 'kind', headerName: t('hq:page.conflictKindCol'), width: 190, valueFormatter: (p) => t(`hq:page.conflictKind.${p.value as string}`) },
      { field: 'key', headerName: t('hq:page.conflictKeyCol'), width: 200 },
      { colId: 'offices', headerName: t('hq:page.officesCol'), width: 200, valueGetter: (p) => p.data?.offices.join(lang === 'zh-CN' ? '、' : ', ') },
      {
        colId: 'partners',
        headerName: t('hq:page.partnersInvolvedCol'),
        flex: 1,
        minWidth: 260,
        valueGetter: (p) => p.data?.partners.map((x) => `${x.office}: ${x.partnerCode}${x.name ? ` ${x.name}` : ''}`).join(lang === 'zh-CN' ? '；' : '; '),
      },
    ],
    [t, lang],
  );
  const activityColumns = useMemo<ColDef<ActivityRow>[]>(
    () => [
      { field: 'office', headerName: t('hq:dashboard.officeCol'), width: 160 },
      { field: 'operations', headerName: t('hq:dashboard.operationsCol'), width: 140, type: 'numericColumn' },
      { field: 'refused', headerName: t('hq:dashboard.refusedCol'), width: 110, type: 'numericColumn' },
      { field: 'users', headerName: t('hq:dashboard.usersCol'), width: 100, type: 'numericColumn' },
      { field: 'lastAt', headerName: t('hq:dashboard.lastAtCol'), flex: 1, minWidth: 170, valueFormatter: (p) => formatDateTime(p.value as string) },
    ],
    [t],
  );
  const riskColumns = useMemo<ColDef<RiskRow>[]>(
    () => [
      { field: 'office', headerName: t('hq:dashboard.officeCol'), width: 130 },
      { field: 'code', headerName: t('hq:dashboard.riskCodeCol'), width: 110 },
      { field: 'level', headerName: t('hq:dashboard.levelCol'), width: 100, valueFormatter: (p) => (p.value ? t(`dashboard:level.${p.value as string}`, { defaultValue: p.value as string }) : '—') },
      { field: 'score', headerName: t('hq:dashboard.riskScoreCol'), width: 90, type: 'numericColumn' },
      { field: 'partnerCode', headerName: t('hq:dashboard.partnerCol'), width: 120 },
      // A raised risk's words come as text code + params: shown in the app language, not the stored zh-CN fallback.
      { colId: 'title', headerName: t('hq:dashboard.riskTitleCol'), flex: 1, minWidth: 260, valueGetter: (p) => (p.data ? riskWords(p.data).title : ''), tooltipValueGetter: (p) => (p.data ? (riskWords(p.data).description ?? undefined) : undefined) },
      { field: 'owner', headerName: t('hq:dashboard.riskOwnerCol'), width: 110 },
      { field: 'nextReviewOn', headerName: t('hq:dashboard.riskNextReviewCol'), width: 120 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, lang],
  );
  const referenceColumns = useMemo<ColDef<HqReferenceItem>[]>(
    () => [
      { field: 'kind', headerName: t('hq:page.referenceKindCol'), width: 150, valueFormatter: (p) => t(`hq:page.referenceKind.${p.value as string}`) },
      { field: 'code', headerName: t('hq:page.referenceCodeCol'), width: 150 },
      { field: 'name', headerName: t('hq:page.referenceNameCol'), flex: 1, minWidth: 200 },
      {
        field: 'version',
        headerName: t('hq:page.referenceVersionCol'),
        width: 120,
        valueFormatter: (p) => t('common:hqBadge', { version: p.value as number }),
        cellRenderer: (p: { data?: HqReferenceItem }) => (p.data ? <HqBadge kind={p.data.kind as HqReferenceKind} code={p.data.code} version={p.data.version} /> : null),
      },
      { field: 'pulledAt', headerName: t('hq:page.pulledAtCol'), width: 170, valueFormatter: (p) => formatDateTime(p.value as string) },
    ],
    [t],
  );

  const charts = useMemo(() => {
    if (!d) return null;
    const offices = d.revenueByOffice.map((o) => o.office);
    return {
      revenue: bar(offices, d.revenueByOffice.map((o) => o.revenueMinor), true, '#3b6fd8'),
      payouts: bar(d.payoutsByOffice.map((o) => o.office), d.payoutsByOffice.map((o) => o.payoutMinor), true, '#2f9e6b'),
      grades: bar(d.grades.map((g) => grade(g.grade)), d.grades.map((g) => g.partners), false, '#8a63d2'),
      risks: bar(d.risksByLevel.map((r) => t(`dashboard:level.${r.level}`, { defaultValue: r.level })), d.risksByLevel.map((r) => r.open), false, '#d8623b'),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, t]);

  return (
    <div className="page hq-page" data-testid="hq-page">
      <h1>{t('common:nav.hq')}</h1>
      <p className="muted">{t('hq:page.intro')}</p>
      {status.data && !configured && (
        <p className="hq-note" data-testid="hq-not-configured">
          {t('hq:page.notConfigured')} <Link to="/settings">{t('hq:page.toSettings')}</Link>
        </p>
      )}
      {configured && (
        <form
          className="toolbar-row"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (typed !== null && typed.trim()) choose(typed);
          }}
        >
          <label>
            {t('hq:dashboard.period')} <input value={typed ?? period} onChange={(e) => setTyped(e.target.value)} data-testid="hq-page-period" />
          </label>
          <button type="submit" data-testid="hq-page-load">
            {t('hq:dashboard.load')}
          </button>
          {fiscal.quarters.slice(1).map((p) => (
            <button type="button" className="link" key={p} onClick={() => choose(p)}>
              {p}
            </button>
          ))}
          <span className="muted" data-testid="hq-page-shown">
            {d ? t(d.fiscalStartMonth === 1 ? 'hq:page.shownPeriod' : 'hq:page.shownFiscalPeriod', { period: d.period, start: d.start, end: d.end, month: d.fiscalStartMonth }) : null}
          </span>
        </form>
      )}
      {failureBody && unreachable ? (
        <div className="hq-offline" role="alert" data-testid="hq-offline">
          <strong>{t('hq:page.unreachable')}</strong>
          <p>{errorText(failureBody, lang)}</p>
          <button onClick={() => void Promise.all([dash.refetch(), conflicts.refetch()])} data-testid="hq-retry">
            {t('hq:page.retry')}
          </button>
        </div>
      ) : (
        <ErrorBanner error={failure} />
      )}
      {configured && dash.isLoading && <p className="muted">{t('common:state.loading')}</p>}
      {d && totals && (
        <>
          <div className="cards">
            <div className="card" data-testid="hq-kpi-revenue">
              <div className="card-value">{money(totals.revenue)}</div>
              <div className="card-label">{t('hq:page.kpiRevenue', { offices: d.revenueByOffice.length })}</div>
            </div>
            <div className="card" data-testid="hq-kpi-partners">
              <div className="card-value">{totals.partners}</div>
              <div className="card-label">{t('hq:page.kpiPartners')}</div>
            </div>
            <div className="card" data-testid="hq-kpi-payouts">
              <div className="card-value">{money(totals.payouts)}</div>
              <div className="card-label">{t('hq:page.kpiPayouts')}</div>
            </div>
            <div className="card" data-testid="hq-kpi-conflicts">
              <div className="card-value">{conflicts.data?.length ?? '—'}</div>
              <div className="card-label">{t('hq:page.kpiConflicts')}</div>
            </div>
          </div>
          {d.revenueByOffice.length === 0 && (
            <p className="hq-note" data-testid="hq-empty">
              {t('hq:page.empty', { period: d.period })}
            </p>
          )}
          <div className="hq-charts">
            <section>
              <h3>{t('hq:dashboard.byOffice')}</h3>
              <EChart option={charts!.revenue} testId="hq-chart-revenue" height={240} />
            </section>
            <section>
              <h3>{t('hq:dashboard.payouts')}</h3>
              <EChart option={charts!.payouts} testId="hq-chart-payouts" height={240} />
            </section>
            <section>
              <h3>{t('hq:dashboard.grades')}</h3>
              {d.grades.length ? <EChart option={charts!.grades} testId="hq-chart-grades" height={240} /> : <p className="muted">{t('hq:page.noGrades')}</p>}
            </section>
            <section>
              <h3>{t('hq:dashboard.risks')}</h3>
              {d.risksByLevel.length ? <EChart option={charts!.risks} testId="hq-chart-risks" height={240} /> : <p className="muted">{t('hq:page.noRisks')}</p>}
            </section>
          </div>
          <h3>{t('hq:dashboard.top')}</h3>
          <div className="hq-grid">
            <DataGrid<HqReportRow> stateKey="hq.top" testId="hq-top-grid" rows={d.top} columns={partnerColumns} getRowId={(r) => `${r.office}\u0000${r.partnerCode}`} />
          </div>
          <h3>{t('hq:dashboard.bottom')}</h3>
          <div className="hq-grid">
            <DataGrid<HqReportRow> stateKey="hq.bottom" testId="hq-bottom-grid" rows={d.bottom} columns={partnerColumns} getRowId={(r) => `${r.office}\u0000${r.partnerCode}`} />
          </div>
          <h3>{t('hq:dashboard.topRisks')}</h3>
          <p className="muted">{t('hq:dashboard.topRisksIntro')}</p>
          {d.topRisks.length ? (
            <div className="hq-grid">
              <DataGrid<RiskRow> stateKey="hq.risks" testId="hq-risks-grid" rows={d.topRisks} columns={riskColumns} getRowId={(r) => `${r.office}\u0000${r.code}`} />
            </div>
          ) : (
            <p className="muted" data-testid="hq-no-risks">{t('hq:dashboard.noOpenRisks')}</p>
          )}
          <h3>{t('hq:dashboard.byTerritory')}</h3>
          <div className="hq-grid">
            <DataGrid<TerritoryRow> stateKey="hq.territories" testId="hq-territory-grid" rows={d.revenueByTerritory} columns={territoryColumns} getRowId={(r) => `${r.office}\u0000${r.territory ?? ''}`} />
          </div>
        </>
      )}
      {configured && conflicts.data && (
        <>
          <h3>{t('hq:page.conflicts')}</h3>
          <p className="muted">{t('hq:page.conflictsIntro')}</p>
          <div className="hq-grid">
            <DataGrid<HqConflict> stateKey="hq.conflicts" testId="hq-conflicts-grid" rows={conflicts.data} columns={conflictColumns} getRowId={(r) => `${r.kind}\u0000${r.key}`} />
          </div>
        </>
      )}
      {d && (
        <>
          <h3>{t('hq:dashboard.activity')}</h3>
          <div className="hq-grid hq-grid-small">
            <DataGrid<ActivityRow> stateKey="hq.activity" testId="hq-activity-grid" rows={d.activityByOffice} columns={activityColumns} getRowId={(r) => r.office} />
          </div>
        </>
      )}
      <h3>{t('hq:page.reference')}</h3>
      <p className="muted">{t('hq:page.referenceIntro')}</p>
      <div className="hq-grid">
        <DataGrid<HqReferenceItem> stateKey="hq.reference" testId="hq-reference-grid" rows={reference.data} columns={referenceColumns} getRowId={(r) => `${r.kind}\u0000${r.code}`} />
      </div>
    </div>
  );
}
