import type { CellValueChangedEvent, ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinor, formatMoney } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';
import { units } from './PlanForm';
import { isQuantityMetric, type PlanDetail as Plan, type PlanNode, type PlanNodeAttainment } from '../../../../electron/contract/plans';
import { useMutationOp, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatRatio } from '../../format';
import { PlanEdit } from './PlanEdit';
import { PlanWorkbook } from './PlanWorkbook';

type Row = PlanNode & { depth: number; att: PlanNodeAttainment | undefined; share: number | null; hasChildren: boolean };

const DEPTH = { plan: 0, territory: 1, channelManager: 2, partner: 3 } as const;
const moneyOf = (quantity: boolean) => (v: number | null | undefined) => (v == null ? '—' : quantity ? v.toLocaleString('en-US') : formatMoney(v));

/** Lays the tree out as rows (parents before children), leaving out what is under a collapsed node. */
function rowsOf(plan: Plan, collapsed: Set<string>): Row[] {
  const att = new Map(plan.attainment.map((a) => [a.key, a]));
  const byKey = new Map(plan.nodes.map((n) => [n.key, n]));
  const parents = new Set(plan.nodes.map((n) => n.parent).filter(Boolean));
  const hidden = (n: PlanNode): boolean => {
    for (let p = n.parent; p; p = byKey.get(p)?.parent ?? null) if (collapsed.has(p)) return true;
    return false;
  };
  return plan.nodes
    .filter((n) => !hidden(n))
    .map((n) => {
      const parent = n.parent ? byKey.get(n.parent) : undefined;
      return { ...n, depth: DEPTH[n.kind], att: att.get(n.key), share: parent && parent.amountMinor > 0 ? n.amountMinor / parent.amountMinor : null, hasChildren: parents.has(n.key) };
    });
}

/** One plan: figures, the allocation tree with locks (type an amount to lock it), publish, versions, attainment. */
export function PlanDetail({ code }: { code: string }) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const detail = useOp('plans.show', { code, version });
  const lock = useMutationOp('plans.lock');
  const publish = useMutationOp('plans.publish');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [cellError, setCellError] = useState<string | null>(null);
  const readAmount = useAmountReader();
  const plan = detail.data;
  const editable = plan != null && plan.shownVersion == null;
  const zh = i18n.language.startsWith('zh');
  const quantity = plan != null && isQuantityMetric(plan.metric);
  const money = moneyOf(quantity);

  const columns = useMemo<ColDef<Row>[]>(() => {
    if (!plan) return [];
    const nameOf = (r: Row) => (r.kind === 'plan' ? plan.code : r.kind === 'partner' ? `${r.code} ${zh ? r.nameZh : (r.nameEn ?? r.nameZh)}` : zh ? r.nameZh : (r.nameEn ?? r.nameZh));
    return [
      {
        colId: 'node',
        headerName: t('plans:col.node'),
        pinned: 'left',
        width: 300,
        sortable: false,
        valueGetter: (p) => (p.data ? nameOf(p.data) : ''),
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const r = p.data!;
          const open = !collapsed.has(r.key);
          return (
            <span className={`plan-node plan-${r.kind}`} style={{ paddingLeft: r.depth * 16 }} data-testid={`plan-node-${r.key}`}>
              {r.hasChildren ? (
                <button type="button" className="plan-caret" aria-label={open ? t('plans:collapse') : t('plans:expand')} onClick={() => setCollapsed((s) => { const n = new Set(s); if (open) n.add(r.key); else n.delete(r.key); return n; })}>
                  {open ? '▾' : '▸'}
                </button>
              ) : (
                <span className="plan-caret" />
              )}
              {nameOf(r)}
              {r.noHistory && <span className="plan-badge" title={t('plans:noHistoryHint')}>{t('plans:noHistory')}</span>}
            </span>
          );
        },
      },
      { colId: 'basis', headerName: t(`plans:col.basis.${plan.rules.method}`, { defaultValue: t('plans:col.basis.default') }), width: 150, type: 'rightAligned', valueGetter: (p) => p.data?.basisMinor, valueFormatter: (p) => money(p.value as number) },
      {
        colId: 'amount',
        headerName: t('plans:col.target'),
        width: 160,
        type: 'rightAligned',
        editable: (p) => editable && p.data?.kind !== 'plan',
        cellClass: (p) => (p.data?.locked ? 'plan-locked' : editable && p.data?.kind !== 'plan' ? 'plan-editable' : undefined),
        valueGetter: (p) => p.data?.amountMinor,
        valueFormatter: (p) => money(p.value as number),
        valueParser: (p) => {
          const text = String(p.newValue ?? '');
          const label = `${t('plans:col.target')} (${p.data ? nameOf(p.data) : ''})`;
          const read = quantity ? { minor: units(text), error: null } : readAmount(text, label, { required: true });
          const v = read.minor;
          // Nothing silent: a value that is no amount keeps the old one and says why.
          setCellError(read.error ?? (v == null || v < 0 ? t('plans:error.units') : null));
          return v == null || v < 0 || read.error ? p.oldValue : v;
        },
        valueSetter: (p) => {
          if (p.newValue === p.oldValue) return false;
          (p.data as Row & { pendingLock?: number }).pendingLock = p.newValue as number;
          return true;
        },
      },
      {
        colId: 'lock',
        headerName: t('plans:col.lock'),
        width: 90,
        sortable: false,
        cellRenderer: (p: ICellRendererParams<Row>) =>
          p.data?.locked ? (
            <button type="button" className="link" disabled={!editable || lock.isPending} onClick={() => lock.mutate({ code, node: p.data!.key, amountMinor: null })} title={t('plans:unlock')} data-testid={`plan-unlock-${p.data.key}`}>
              🔒 {t('plans:unlock')}
            </button>
          ) : null,
      },
      { colId: 'share', headerName: t('plans:col.share'), width: 90, type: 'rightAligned', valueGetter: (p) => p.data?.share, valueFormatter: (p) => formatRatio(p.value as number | null) },
      ...plan.quarters.map((q, i): ColDef<Row> => {
        const months = plan.months.slice(i * 3, i * 3 + 3);
        return {
          colId: q,
          headerName: q,
          width: 140,
          type: 'rightAligned',
          valueGetter: (p) => p.data?.quarters[q],
          valueFormatter: (p) => money(p.value as number),
          // Months a standing run used: a revision keeps them (the quarter is marked when any of its months is).
          cellClass: (p) => (p.data?.frozenMonths?.some((m) => months.includes(m)) ? 'plan-used' : undefined),
        };
      }),
      { colId: 'stretch', headerName: t('plans:level.stretch'), width: 140, type: 'rightAligned', valueGetter: (p) => p.data?.att?.stretchMinor, valueFormatter: (p) => money(p.value as number) },
      { colId: 'challenge', headerName: t('plans:level.challenge'), width: 140, type: 'rightAligned', valueGetter: (p) => p.data?.att?.challengeMinor, valueFormatter: (p) => money(p.value as number) },
      { colId: 'actual', headerName: t('plans:col.actual'), width: 150, type: 'rightAligned', valueGetter: (p) => p.data?.att?.actualToDateMinor, valueFormatter: (p) => money(p.value as number) },
      { colId: 'attainment', headerName: t('plans:col.attainment'), width: 110, type: 'rightAligned', valueGetter: (p) => p.data?.att?.attainmentToDate ?? null, valueFormatter: (p) => formatRatio(p.value as number | null) },
      { colId: 'linear', headerName: t('plans:col.linear'), width: 150, type: 'rightAligned', valueGetter: (p) => p.data?.att?.linearMinor ?? null, valueFormatter: (p) => money(p.value as number | null) },
      { colId: 'lastYearShape', headerName: t('plans:col.lastYearShape'), width: 150, type: 'rightAligned', valueGetter: (p) => p.data?.att?.lastYearShapeMinor ?? null, valueFormatter: (p) => money(p.value as number | null) },
      { colId: 'gap', headerName: t('plans:col.gap'), width: 150, type: 'rightAligned', valueGetter: (p) => p.data?.att?.gapLinearMinor ?? null, valueFormatter: (p) => money(p.value as number | null), cellClass: (p) => ((p.value as number | null) != null && (p.value as number) > 0 ? 'plan-short' : undefined) },
    ];
  }, [plan, t, zh, collapsed, editable, lock, code, money, quantity, readAmount]);

  const rows = useMemo(() => (plan ? rowsOf(plan, collapsed) : undefined), [plan, collapsed]);

  if (!plan) return <ErrorBanner error={detail.error} />;
  const root = plan.attainment.find((a) => a.key === 'plan');
  const onCellValueChanged = (e: CellValueChangedEvent<Row>) => {
    const pending = (e.data as Row & { pendingLock?: number }).pendingLock;
    if (pending == null) return;
    lock.mutate({ code, node: e.data.key, amountMinor: pending }, { onSettled: () => void detail.refetch() });
  };
  return (
    <section className="plan-detail" data-testid="plan-detail">
      <header className="plan-head">
        <h2>
          {plan.code}
          {plan.name ? ` · ${plan.name}` : ''}{' '}
          <span className="muted">
            {t(`plans:metric.${plan.metric}`)} · {plan.period} · {t(`plans:method.${plan.rules.method}`)} · {t(`plans:timeSplit.${plan.rules.timeSplit}`)}
          </span>
        </h2>
        <span className={`plan-status plan-status-${plan.status}`} data-testid="plan-status">
          {t(`plans:status.${plan.status}`)}
          {plan.publishedVersion ? ` · v${plan.publishedVersion}` : ''}
        </span>
        <div className="spacer" />
        <label className="inline">
          {t('plans:show')}
          <select value={version ?? ''} onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : undefined)} data-testid="plan-version">
            <option value="">{t('plans:draft')}</option>
            {plan.versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.publishedAt.slice(0, 10)}
                {v.usedBy.evaluationRuns.length + v.usedBy.payoutRuns.length ? ` · ${t('plans:usedBy', { count: v.usedBy.evaluationRuns.length + v.usedBy.payoutRuns.length })}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!editable} onClick={() => setEditing(true)} data-testid="plan-edit">
          {t('plans:edit')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={publish.isPending || plan.status === 'published' || !editable}
          onClick={() => publish.mutate({ code }, { onSuccess: (r) => setMessage(t(r.targetsKept ? 'plans:publishedKept' : 'plans:published', { version: r.version, count: r.targetsWritten, kept: r.targetsKept })) })}
          data-testid="plan-publish"
        >
          {t('plans:publish')}
        </button>
      </header>
      <PlanWorkbook code={code} disabled={!editable} />
      {message && <p className="ok" data-testid="plan-message">{message}</p>}
      {cellError && <p className="field-error" data-testid="plan-cell-error">{cellError}</p>}
      <ErrorBanner error={lock.error ?? publish.error} />
      <div className="plan-figures">
        {(
          [
            ['total', plan.totalMinor],
            ['actual', root?.actualToDateMinor],
            ['linear', root?.linearMinor],
            ['lastYearShape', root?.lastYearShapeMinor],
            ['gap', root?.gapLinearMinor],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="plan-figure" data-testid={`plan-figure-${k}`}>
            <span className="muted">{t(`plans:figure.${k}`)}</span>
            <strong>{money(v ?? null)}</strong>
          </div>
        ))}
        <div className="plan-figure" data-testid="plan-figure-attainment">
          <span className="muted">{t('plans:figure.attainment')}</span>
          <strong>{formatRatio(root?.attainmentToDate ?? null)}</strong>
          <small className="muted">{t('plans:elapsed', { days: plan.elapsedDays, of: plan.periodDays, asOf: plan.asOf })}</small>
        </div>
      </div>
      <p className="muted plan-hint">{editable ? t('plans:editHint') : t('plans:versionHint', { version: plan.shownVersion })}</p>
      {plan.standingRuns.length > 0 && (
        <p className="plan-used-note" data-testid="plan-standing-runs">
          <span className="plan-used plan-swatch" />
          {t('plans:standingRuns', { count: plan.standingRuns.length })}{' '}
          {plan.standingRuns
            .map((u) => t(`plans:run.${u.runKind}`, { id: u.runId, period: u.period, version: u.version, metric: t(`plans:levelMetric.${u.metric.split('.')[1] ?? 'target'}`) }))
            .join(zh ? '；' : '; ')}
        </p>
      )}
      <div className="plan-grid-wrap plan-tree-wrap">
      <DataGrid<Row>
        stateKey="plan-tree"
        testId="plan-tree"
        rows={rows}
        columns={columns}
        height="100%"
        getRowId={(r) => r.key}
        onCellValueChanged={onCellValueChanged}
      />
      </div>
      <p className="muted">{t('plans:totalLine', { total: quantity ? plan.totalMinor.toLocaleString('en-US') : formatMinor(plan.totalMinor), partners: plan.partners })}</p>
      {editing && <PlanEdit plan={plan} onClose={() => setEditing(false)} />}
    </section>
  );
}
