import type { ColDef } from 'ag-grid-community';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutLineView } from '../../../../electron/contract/incentives';
import { formatMoney } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';
import { partnerNameIn } from '../../partnerName';
import { bridge } from '../../api/client';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { MineToggle } from '../../components/MineToggle';
import { Modal } from '../../components/Modal';
import { useMine } from '../../mine';
import { PopulationNote } from '../../components/PopulationNote';
import { Inquiries } from './Inquiries';
import { WhatIfPanel } from './WhatIfPanel';

export function RunDetail({ runId, onBack }: { runId: number; onBack: () => void; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation(['payouts', 'common']);
  const mine = useMine('payout-lines');
  const query = { runId, ...mine.filter };
  const run = useOp('incentives.payouts.get', query, { enabled: mine.ready });
  const approve = useMutationOp('incentives.payouts.approve');
  const pay = useMutationOp('incentives.payouts.pay');
  const voidRun = useMutationOp('incentives.payouts.void');
  const adjust = useMutationOp('incentives.payouts.adjust');
  const exporter = useJob('statements.export');
  const [line, setLine] = useState<PayoutLineView | null>(null);
  const [dialog, setDialog] = useState<'pay' | 'void' | 'adjust' | 'whatIf' | null>(null);
  const [form, setForm] = useState<Record<string, string>>({});
  const [amountError, setAmountError] = useState<string | null>(null);
  const readAmount = useAmountReader();
  const zh = i18n.language === 'zh-CN';
  const r = run.data;
  const money = (v: number) => formatMoney(v, r?.currency ?? 'CNY');

  const columns = useMemo<ColDef<PayoutLineView>[]>(
    () => [
      { field: 'partnerCode', headerName: t('payouts:field.partnerCode'), width: 120, pinned: 'left' },
      { field: 'partnerName', headerName: t('payouts:field.partnerName'), width: 200, context: { export: { fields: zh ? ['partnerName'] : ['partnerNameEn', 'partnerName'], pick: 'first' } }, valueGetter: (p) => (!zh && p.data?.partnerNameEn ? p.data.partnerNameEn : p.data?.partnerName) },
      // Right after the partner: the explanation is what a partner or finance asks about.
      { colId: 'explanation', headerName: t('payouts:field.explanation'), flex: 1, minWidth: 320, context: { export: { fields: [zh ? 'explanation' : 'explanationEn'] } }, valueGetter: (p) => (zh ? p.data?.explanation : p.data?.explanationEn) },
      { field: 'kind', headerName: t('payouts:field.kind'), width: 100, valueFormatter: (p) => t(`payouts:kind.${p.value}`) },
      { field: 'basisMinor', headerName: t('payouts:field.basisMinor'), width: 150, type: 'rightAligned', valueFormatter: (p) => formatMoney(p.value ?? 0, r?.currency) },
      { field: 'rate', headerName: t('payouts:field.rate'), width: 90, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : `${Number((p.value * 100).toFixed(4))} %`) },
      { field: 'tierReached', headerName: t('payouts:field.tierReached'), width: 115 },
      // Pinned: the amount is what the row is about; the explanation column pushes it out of a narrow grid otherwise.
      { field: 'amountMinor', headerName: t('payouts:field.amountMinor'), width: 150, pinned: 'right', type: 'rightAligned', valueFormatter: (p) => formatMoney(p.value ?? 0, r?.currency) },
    ],
    [t, zh, r?.currency],
  );

  if (!r) return <div className="page"><ErrorBanner error={run.error} /></div>;
  const draft = r.status === 'draft';
  const exportable = r.status === 'approved' || r.status === 'paid';
  const error = approve.error ?? pay.error ?? voidRun.error ?? adjust.error ?? exporter.error;

  const doExport = async () => {
    const env = await bridge.platform.env();
    await exporter.start({ runId, out: env.filesDir, onExists: 'rename' });
  };
  const submitDialog = async (e?: FormEvent) => {
    e?.preventDefault();
    try {
      if (dialog === 'pay') await pay.mutateAsync({ runId, paymentRef: form.ref ?? '', date: form.date || undefined });
      if (dialog === 'void') await voidRun.mutateAsync({ runId, reason: form.reason ?? '' });
      if (dialog === 'adjust') {
        // An adjustment adds or takes back (negative): any sign, not zero.
        const { minor: amountMinor, error: problem } = readAmount(form.amount, t('payouts:field.amount'), { currency: r.currency, required: true, sign: 'any' });
        setAmountError(problem);
        if (amountMinor === null || problem) return;
        await adjust.mutateAsync({ runId, partnerCode: form.partnerCode ?? '', amountMinor, reason: form.reason ?? '' });
      }
      setDialog(null);
      setForm({});
    } catch {
      /* shown by ErrorBanner */
    }
  };
  const input = (k: string, type = 'text') => <input name={k} type={type} value={form[k] ?? ''} onChange={(e) => setForm({ ...form, [k]: e.target.value })} data-testid={`run-form-${k}`} />;

  return (
    <div className="page page-fill" data-testid="run-detail">
      <div className="actions">
        <button onClick={onBack}>← {t('payouts:back')}</button>
        <h1 style={{ margin: 0 }}>
          {t('payouts:run')} #{r.id} · {r.programCode} · {r.period} · v{r.version}
        </h1>
        <span className={`badge status-${r.status}`} data-testid="run-status">{t(`payouts:status.${r.status}`)}</span>
        <strong data-testid="run-total">{money(r.totalMinor)}</strong>
        <div className="spacer" />
        {draft && <button onClick={() => setDialog('adjust')} data-testid="run-adjust">{t('payouts:adjust')}</button>}
        <button onClick={() => setDialog('whatIf')} data-testid="run-whatif">{t('payouts:whatIf')}</button>
        {draft && (
          <button className="primary" disabled={approve.isPending} data-testid="run-approve" onClick={() => window.confirm(t('payouts:confirmApprove', { id: r.id, total: money(r.totalMinor) })) && approve.mutate({ runId })}>
            {t('payouts:approve')}
          </button>
        )}
        {r.status === 'approved' && <button className="primary" onClick={() => setDialog('pay')} data-testid="run-pay">{t('payouts:pay')}</button>}
        {(draft || r.status === 'approved') && <button className="danger" onClick={() => setDialog('void')} data-testid="run-void">{t('payouts:void')}</button>}
        <button disabled={!exportable || exporter.running} title={exportable ? undefined : t('payouts:exportNeedsApproval')} onClick={() => void doExport()} data-testid="run-export">
          {t('payouts:exportStatements')}
        </button>
      </div>
      {!draft && <p className="muted">{t('payouts:frozen', { status: t(`payouts:status.${r.status}`) })} {r.paymentRef && `${t('payouts:field.paymentRef')}: ${r.paymentRef} · ${r.paidAt}`} {r.voidReason && `${t('payouts:field.voidReason')}: ${r.voidReason}`}</p>}
      <PopulationNote population={r.population} testId="run-population" />
      <ErrorBanner error={error} />
      {exporter.running && <JobProgressBar progress={exporter.progress} onCancel={exporter.cancel} label={t('payouts:exporting')} />}
      {exporter.result && (
        <div className="notice" data-testid="export-result">
          {t('payouts:exportDone', { count: exporter.result.statements.length })}{' '}
          {exporter.result.zip && <button onClick={() => void bridge.platform.showItem(exporter.result!.zip!)} data-testid="export-open">{t('payouts:openFolder')}</button>}{' '}
          {exporter.result.finance.csv && <button onClick={() => void bridge.platform.showItem(exporter.result!.finance.csv!)}>{t('payouts:openFinance')}</button>}
        </div>
      )}
      <div className="split" style={{ display: 'flex', gap: 12, flex: 1, minHeight: 0 }}>
        <div style={{ flex: 3, display: 'flex', flexDirection: 'column' }}>
          <DataGrid<PayoutLineView> exportAs={{ grid: 'payoutLines', query, title: `${r.programCode} ${r.period}`, fileName: `payout-run-${runId}-lines` }} stateKey="payout-lines" testId="payout-lines-grid" rows={r.lines} columns={columns} getRowId={(l) => String(l.id)} onRowClicked={setLine}
            toolbar={
              <>
                <MineToggle mine={mine} testId="payout-lines-mine" />
                {mine.mine && !mine.nobody && (
                  <small className="muted" data-testid="payout-lines-mine-total">
                    {t('payouts:mineTotal', { count: r.lines.length, total: money(r.lines.reduce((sum, l) => sum + l.amountMinor, 0)) })}
                  </small>
                )}
              </>
            }
          />
        </div>
        <aside style={{ flex: 1, minWidth: 280, overflow: 'auto' }} data-testid="line-detail">
          <h2>{t('payouts:lineDetail')}</h2>
          {line ? (
            <>
              <p><strong>{line.partnerCode} · {partnerNameIn(zh, line)}</strong> · {t(`payouts:kind.${line.kind}`)} · {money(line.amountMinor)}</p>
              {/* The explanation in the reader's language (the statement files carry both). */}
              <p data-testid="line-explanation">{zh ? line.explanation : (line.explanationEn ?? line.explanation)}</p>
              {line.reason && <p>{t('payouts:field.reason')}: {line.reason}</p>}
              <Inquiries lineId={line.id} />
            </>
          ) : (
            <p className="muted">{t('payouts:selectLine')}</p>
          )}
        </aside>
      </div>
      {(dialog === 'pay' || dialog === 'void' || dialog === 'adjust') && (
        <Modal title={dialog === 'pay' ? t('payouts:confirmPay', { id: r.id }) : dialog === 'void' ? t('payouts:confirmVoid', { id: r.id }) : t('payouts:adjust')} onClose={() => setDialog(null)} testId="run-dialog">
          <form noValidate onSubmit={(e) => void submitDialog(e)}>
          <div className="form-grid">
            {dialog === 'pay' && (
              <>
                <label><span>{t('payouts:field.paymentRef')}</span>{input('ref')}</label>
                <label><span>{t('payouts:field.date')}</span>{input('date', 'date')}</label>
              </>
            )}
            {dialog === 'adjust' && (
              <>
                <label><span>{t('payouts:field.partnerCode')}</span>{input('partnerCode')}</label>
                <label>
                  <span>{t('payouts:field.amount')}</span>
                  {input('amount')}
                  {amountError && <small className="field-error" data-testid="run-form-amount-error">{amountError}</small>}
                </label>
              </>
            )}
            {dialog !== 'pay' && <label className="span2"><span>{t('payouts:field.reason')}</span>{input('reason')}</label>}
          </div>
          <ErrorBanner error={error} />
          <div className="actions">
            <div className="spacer" />
            <button type="button" onClick={() => setDialog(null)}>{t('common:actions.cancel')}</button>
            <button type="submit" className={dialog === 'void' ? 'danger' : 'primary'} data-testid="run-dialog-ok">{t('common:actions.confirm')}</button>
          </div>
          </form>
        </Modal>
      )}
      {dialog === 'whatIf' && <WhatIfPanel runId={runId} program={r.program} currency={r.currency} onClose={() => setDialog(null)} />}
    </div>
  );
}
