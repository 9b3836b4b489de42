import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdfClaimView } from '../../../../electron/contract/mdf';
import { useMutationOp, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MineToggle } from '../../components/MineToggle';
import { useMine } from '../../mine';
import { DialogForm, Modal } from '../../components/Modal';
import { ProofViewer } from './ProofViewer';
import { money } from './mdfUi';
import { formatMinor } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';
import { codeNameExport, partnerNameIn } from '../../partnerName';

/** Approve (as claimed or lower) or reject a submitted claim. */
function ClaimDecision({ claim, onClose }: { claim: MdfClaimView; onClose: () => void }) {
  const { t, i18n } = useTranslation(['mdf', 'common']);
  const decide = useMutationOp('mdf.claims.decide');
  const [amount, setAmount] = useState(formatMinor(claim.amountMinor, claim.currency));
  const [reason, setReason] = useState('');
  const readAmount = useAmountReader();
  const { minor: a, error: amountError } = readAmount(amount, t('mdf:claim.approvedAmount'), { currency: claim.currency, required: true, sign: 'positive' });
  const doApprove = () => a != null && !decide.isPending && decide.mutate({ claimId: claim.id, decision: 'approve', amountMinor: a }, { onSuccess: onClose });
  const doReject = () => reason.trim() && !decide.isPending && decide.mutate({ claimId: claim.id, decision: 'reject', reason: reason.trim() }, { onSuccess: onClose });
  return (
    <Modal title={t('mdf:claim.decide', { id: claim.id })} onClose={onClose} testId="mdf-claim-decision">
      {/* Enter approves; Enter in the reason field rejects with that reason. */}
      <DialogForm onSubmit={() => (document.activeElement?.getAttribute('data-testid') === 'mdf-claim-reject-reason' ? doReject() : doApprove())}>
      <p>{claim.partnerCode} {partnerNameIn(i18n.language.startsWith('zh'), claim)} · {money(claim.amountMinor, claim.currency)} · {t('mdf:claim.limit')} {money(claim.limitMinor, claim.currency)}</p>
      <label>
        <span>{t('mdf:claim.approvedAmount')}</span>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="mdf-claim-approve-amount" />
        {amountError && <small className="field-error">{amountError}</small>}
      </label>
      <label>
        <span>{t('mdf:rejectReason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="mdf-claim-reject-reason" />
      </label>
      <ErrorBanner error={decide.error} />
      <div className="form-actions">
        <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="button" disabled={!reason.trim() || decide.isPending} onClick={doReject} data-testid="mdf-claim-reject">
          {t('mdf:reject')}
        </button>
        <button type="submit" className="primary" disabled={a == null || decide.isPending} data-testid="mdf-claim-approve">
          {t('mdf:approve')}
        </button>
      </div>
      </DialogForm>
    </Modal>
  );
}

/** Pay by reference and day, or settle with the partner's next rebate run. */
function PayClaim({ claim, onClose }: { claim: MdfClaimView; onClose: () => void }) {
  const { t, i18n } = useTranslation(['mdf', 'common']);
  const pay = useMutationOp('mdf.claims.pay');
  const [ref, setRef] = useState('');
  const [date, setDate] = useState('');
  return (
    <Modal title={t('mdf:pay.title', { id: claim.id })} onClose={onClose} testId="mdf-pay">
      <DialogForm onSubmit={() => ref.trim() && !pay.isPending && pay.mutate({ claimId: claim.id, paymentRef: ref.trim(), paidOn: date || undefined }, { onSuccess: onClose })}>
      <p>{claim.partnerCode} {partnerNameIn(i18n.language.startsWith('zh'), claim)} · <strong>{money(claim.amountMinor, claim.currency)}</strong></p>
      <label>
        <span>{t('mdf:pay.ref')}</span>
        <input value={ref} onChange={(e) => setRef(e.target.value)} data-testid="mdf-pay-ref" />
      </label>
      <label>
        <span>{t('mdf:pay.date')}</span>
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <ErrorBanner error={pay.error} />
      <div className="form-actions">
        <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="button" disabled={pay.isPending} onClick={() => pay.mutate({ claimId: claim.id, deductFromRebates: true }, { onSuccess: onClose })} data-testid="mdf-pay-deduct" title={t('mdf:pay.deductHint')}>
          {t('mdf:pay.deduct')}
        </button>
        <button type="submit" className="primary" disabled={!ref.trim() || pay.isPending} data-testid="mdf-pay-confirm">
          {t('mdf:pay.confirm')}
        </button>
      </div>
      </DialogForm>
    </Modal>
  );
}

export function ClaimsTab({ partnerId }: { partnerId?: number }) {
  const { t, i18n } = useTranslation(['mdf', 'common']);
  const mine = useMine('mdf-claims');
  // On a partner's page the partner is the filter; "Mine" belongs to the claims grid of the MDF page.
  const list = useOp('mdf.claims.list', partnerId ? { partnerId } : mine.filter, { enabled: partnerId !== undefined || mine.ready });
  const [viewing, setViewing] = useState<MdfClaimView | null>(null);
  const [deciding, setDeciding] = useState<MdfClaimView | null>(null);
  const [paying, setPaying] = useState<MdfClaimView | null>(null);
  const zh = i18n.language.startsWith('zh');
  const columns = useMemo<ColDef<MdfClaimView>[]>(
    () => [
      { field: 'id', headerName: '#', width: 70, pinned: 'left' },
      { field: 'status', headerName: t('mdf:status'), width: 110, cellRenderer: (p: { value: string }) => <span className={`mdf-status ${p.value}`}>{t(`mdf:claimStatus.${p.value}`)}</span>, filterValueGetter: (p) => t(`mdf:claimStatus.${p.data?.status}`) },
      { field: 'requestId', headerName: t('mdf:request.title'), width: 90, valueFormatter: (p) => `#${p.value}` },
      { field: 'fundCode', headerName: t('mdf:fund.title'), width: 110 },
      { colId: 'partner', headerName: t('mdf:partner'), width: 180, context: { export: codeNameExport(zh) }, valueGetter: (p) => `${p.data?.partnerCode} ${partnerNameIn(zh, p.data)}` },
      { field: 'activityType', headerName: t('mdf:request.activity'), width: 120, valueFormatter: (p) => t(`mdf:activity.${p.value}`) },
      { field: 'amountMinor', headerName: t('mdf:claim.amount'), width: 130, type: 'numericColumn', valueFormatter: (p) => money(p.value, p.data?.currency ?? 'CNY') },
      { field: 'limitMinor', headerName: t('mdf:claim.limit'), width: 130, type: 'numericColumn', valueFormatter: (p) => money(p.value, p.data?.currency ?? 'CNY') },
      {
        headerName: t('mdf:proof.files'),
        width: 110,
        valueGetter: (p) => p.data?.proofs.length ?? 0,
        cellRenderer: (p: { data?: MdfClaimView }) =>
          p.data ? (
            <button type="button" className="link" onClick={() => setViewing(p.data!)} data-testid={`mdf-proofs-${p.data.id}`}>
              {t('mdf:proof.count', { count: p.data.proofs.length })}
            </button>
          ) : null,
      },
      {
        headerName: t('mdf:pay.settlement'),
        width: 200,
        valueGetter: (p) =>
          p.data?.status === 'paid' ? `${p.data.paidOn} · ${p.data.paymentRef}` : p.data?.status === 'settling' ? (p.data.payoutRunId ? t('mdf:pay.onRun', { id: p.data.payoutRunId, status: p.data.payoutRunStatus }) : t('mdf:pay.nextRun')) : '',
      },
      { field: 'rejectReason', headerName: t('mdf:rejectReason'), width: 150 },
      {
        headerName: '',
        width: 110,
        pinned: 'right',
        sortable: false,
        filter: false,
        cellRenderer: (p: { data?: MdfClaimView }) =>
          p.data?.status === 'submitted' ? (
            <button type="button" onClick={() => setDeciding(p.data!)} data-testid={`mdf-claim-decide-${p.data.id}`}>{t('mdf:decide')}</button>
          ) : p.data?.status === 'approved' ? (
            <button type="button" onClick={() => setPaying(p.data!)} data-testid={`mdf-claim-pay-${p.data.id}`}>{t('mdf:pay.action')}</button>
          ) : null,
      },
    ],
    [t, zh],
  );
  return (
    <div className={partnerId ? 'mdf-claims mdf-grid-wrap' : 'mdf-claims page-fill'}>
      <ErrorBanner error={list.error} />
      <DataGrid<MdfClaimView> stateKey={partnerId ? 'mdf-claims-partner' : 'mdf-claims'} testId="mdf-claims-grid" rows={list.data} columns={columns} getRowId={(r) => String(r.id)} height={partnerId ? 260 : undefined} toolbar={partnerId ? undefined : <MineToggle mine={mine} testId="mdf-claims-mine" />} />
      {viewing && <ProofViewer claim={viewing} onClose={() => setViewing(null)} />}
      {deciding && <ClaimDecision claim={deciding} onClose={() => setDeciding(null)} />}
      {paying && <PayClaim claim={paying} onClose={() => setPaying(null)} />}
    </div>
  );
}
