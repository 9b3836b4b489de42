import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdfRequestView } from '../../../../electron/contract/mdf';
import { MDF_PROOF_MAX_BYTES } from '../../../../electron/contract/mdf';
import { bridge } from '../../api/client';
import { useMutationOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { money } from './mdfUi';
import { formatMinor } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';

const PROOF_TYPES = [{ name: 'PDF, images, OFD', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'ofd'] }];

/** 费用核销: the amount (at most approved × share), the outcome and the proof files, attached into the workspace. */
export function ClaimForm({ request, onClose }: { request: MdfRequestView; onClose: () => void }) {
  const { t } = useTranslation(['mdf', 'common']);
  const add = useMutationOp('mdf.claims.add');
  const c = request.currency;
  const [amount, setAmount] = useState(formatMinor(request.committedMinor ?? 0, request.currency));
  const [leads, setLeads] = useState('');
  const [revenue, setRevenue] = useState('');
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Array<{ path: string; name: string; size: number }>>([]);
  const [pickError, setPickError] = useState<Error | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const readAmount = useAmountReader();
  const pick = async () => {
    setPickError(null);
    try {
      const f = await bridge.platform.pickFile(PROOF_TYPES);
      if (f) setFiles((prev) => [...prev, f]);
    } catch (e) {
      setPickError(e as Error);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const { minor: a, error: amountError } = readAmount(amount, t('mdf:claim.amount'), { currency: c, required: true, sign: 'positive' });
    const { minor: r, error: revenueError } = readAmount(revenue, t('mdf:claim.actualRevenue'), { currency: c });
    if (amountError) errs.amount = amountError;
    else if (a != null && a > (request.committedMinor ?? 0)) errs.amount = t('mdf:claim.aboveLimit', { limit: money(request.committedMinor, c) });
    if (revenueError) errs.revenue = revenueError;
    if (!files.length) errs.files = t('mdf:claim.needProof');
    const big = files.find((f) => f.size > MDF_PROOF_MAX_BYTES);
    if (big) errs.files = t('mdf:claim.tooLarge', { name: big.name, limit: MDF_PROOF_MAX_BYTES / 1048576 });
    setErrors(errs);
    if (Object.keys(errs).length || a == null) return;
    try {
      await add.mutateAsync({ requestId: request.id, amountMinor: a, actualLeads: leads.trim() ? Number(leads) : null, actualRevenueMinor: r, note: note.trim() || undefined, proofs: files.map((f) => ({ path: f.path, name: f.name })) });
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };
  const err = (k: string) => errors[k] && <small className="field-error" data-testid={`mdf-claim-error-${k}`}>{errors[k]}</small>;
  return (
    <Modal title={t('mdf:claim.newFor', { id: request.id })} onClose={onClose} testId="mdf-claim-form" wide>
      <form noValidate className="form-grid" onSubmit={(e) => void submit(e)}>
        <p className="span2 muted">
          {request.partnerCode} {request.partnerName} · {t(`mdf:activity.${request.activityType}`)} · {request.title} · {t('mdf:claim.limit')} {money(request.committedMinor, c)}
        </p>
        <label>
          <span>{t('mdf:claim.amount')} ({c})</span>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="mdf-claim-amount" />
          {err('amount')}
        </label>
        <label>
          <span>{t('mdf:claim.actualLeads')}</span>
          <input inputMode="numeric" value={leads} onChange={(e) => setLeads(e.target.value)} />
        </label>
        <label>
          <span>{t('mdf:claim.actualRevenue')}</span>
          <input inputMode="decimal" value={revenue} onChange={(e) => setRevenue(e.target.value)} />
          {err('revenue')}
        </label>
        <label>
          <span>{t('mdf:note')}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="span2">
          <button type="button" onClick={() => void pick()} data-testid="mdf-claim-add-file">{t('mdf:claim.addFile')}</button>{' '}
          <small className="muted">{t('mdf:claim.fileHint', { limit: MDF_PROOF_MAX_BYTES / 1048576 })}</small>
          <ul className="mdf-files" data-testid="mdf-claim-files">
            {files.map((f, i) => (
              <li key={`${f.path}-${i}`}>
                {f.name} <span className="muted">({(f.size / 1024).toFixed(0)} KB)</span>{' '}
                <button type="button" className="link" onClick={() => setFiles(files.filter((_, j) => j !== i))}>{t('common:actions.delete')}</button>
              </li>
            ))}
          </ul>
          {err('files')}
        </div>
        <ErrorBanner error={add.error ?? pickError} />
        <div className="form-actions span2">
          <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="primary" disabled={add.isPending} data-testid="mdf-claim-save">{t('mdf:claim.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}
