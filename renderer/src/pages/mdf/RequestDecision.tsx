import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdfRequestView } from '../../../../electron/contract/mdf';
import { applyRate, formatMinor } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DialogForm, Modal } from '../../components/Modal';
import { money } from './mdfUi';

/** Approve fully or for a lower cost, or reject with a reason; shows what the fund has available. */
export function RequestDecision({ request, onClose }: { request: MdfRequestView; onClose: () => void }) {
  const { t } = useTranslation(['mdf', 'common']);
  const balance = useOp('mdf.balance', { fundId: request.fundId });
  const approve = useMutationOp('mdf.requests.approve');
  const reject = useMutationOp('mdf.requests.reject');
  const [amount, setAmount] = useState(formatMinor(request.amountMinor, request.currency));
  const [reason, setReason] = useState('');
  const readAmount = useAmountReader();
  const { minor: approved, error: amountError } = readAmount(amount, t('mdf:request.approvedAmount'), { currency: request.currency, required: true, sign: 'positive' });
  const c = request.currency;
  const doApprove = () => approved != null && !approve.isPending && approve.mutate({ requestId: request.id, amountMinor: approved }, { onSuccess: onClose });
  const doReject = () => reason.trim() && !reject.isPending && reject.mutate({ requestId: request.id, reason: reason.trim() }, { onSuccess: onClose });
  return (
    <Modal title={t('mdf:request.decide', { id: request.id })} onClose={onClose} testId="mdf-request-decision">
      {/* Enter approves; Enter in the reason field rejects with that reason. */}
      <DialogForm onSubmit={() => (document.activeElement?.getAttribute('data-testid') === 'mdf-reject-reason' ? doReject() : doApprove())}>
      <dl className="mdf-facts">
        <dt>{t('mdf:partner')}</dt>
        <dd>{request.partnerCode} {request.partnerName}</dd>
        <dt>{t('mdf:request.activity')}</dt>
        <dd>{t(`mdf:activity.${request.activityType}`)} · {request.title} · {request.startsOn} – {request.endsOn}</dd>
        <dt>{t('mdf:request.amount')}</dt>
        <dd>{money(request.amountMinor, c)} × {request.share} = {money(request.fundShareMinor, c)}</dd>
        <dt>{t('mdf:balance.remainingMinor')}</dt>
        <dd data-testid="mdf-decision-remaining">{balance.data ? money(balance.data.remainingMinor, c) : '…'}</dd>
      </dl>
      <label>
        <span>{t('mdf:request.approvedAmount')}</span>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="mdf-approve-amount" />
        {amountError && <small className="field-error">{amountError}</small>}
        {approved != null && <small className="muted">{t('mdf:request.fundCommits', { amount: money(applyRate(approved, request.share), c) })}</small>}
      </label>
      <label>
        <span>{t('mdf:rejectReason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="mdf-reject-reason" />
      </label>
      <ErrorBanner error={approve.error ?? reject.error} />
      <div className="form-actions">
        <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="button" disabled={!reason.trim() || reject.isPending} onClick={doReject} data-testid="mdf-reject">
          {t('mdf:reject')}
        </button>
        <button type="submit" className="primary" disabled={approved == null || approve.isPending} data-testid="mdf-approve">
          {t('mdf:approve')}
        </button>
      </div>
      </DialogForm>
    </Modal>
  );
}
