import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MDF_ACTIVITY_TYPES, type MdfActivityType } from '../../../../shared/enums';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useAmountReader } from '../../amountInput';

/** 费用申请: partner, fund, activity, dates, cost, the fund's share, expected outcome. */
export function RequestForm({ onClose, partnerId }: { onClose: () => void; partnerId?: number }) {
  const { t } = useTranslation(['mdf', 'common']);
  const funds = useOp('mdf.funds.list', { status: 'open' });
  const partners = useOp('partners.list', {});
  const add = useMutationOp('mdf.requests.add');
  const [v, setV] = useState({ fundId: '', partnerId: partnerId ? String(partnerId) : '', activityType: 'exhibition' as MdfActivityType, title: '', startsOn: '', endsOn: '', amount: '', sharePct: '100', expectedLeads: '', expectedRevenue: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const readAmount = useAmountReader();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const fund = funds.data?.find((f) => String(f.id) === v.fundId);
  const currency = fund?.currency ?? 'CNY';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const { minor: amount, error: amountError } = readAmount(v.amount, t('mdf:request.amount'), { currency, required: true, sign: 'positive' });
    const { minor: revenue, error: revenueError } = readAmount(v.expectedRevenue, t('mdf:request.expectedRevenue'), { currency });
    const share = Number(v.sharePct) / 100;
    if (!fund) errs.fund = t('mdf:required', { label: t('mdf:fund.title') });
    if (!v.partnerId) errs.partner = t('mdf:required', { label: t('mdf:partner') });
    if (amountError) errs.amount = amountError;
    if (revenueError) errs.expectedRevenue = revenueError;
    if (!(share > 0 && share <= 1)) errs.share = t('mdf:shareHint');
    setErrors(errs);
    if (Object.keys(errs).length || !fund || amount == null) return;
    try {
      await add.mutateAsync({
        fundId: fund.id,
        partnerId: Number(v.partnerId),
        activityType: v.activityType,
        title: v.title.trim() || undefined,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        amountMinor: amount,
        share: Math.round(share * 10_000) / 10_000,
        expectedLeads: v.expectedLeads.trim() ? Number(v.expectedLeads) : null,
        expectedRevenueMinor: revenue,
      });
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };
  const err = (k: string) => errors[k] && <small className="field-error">{errors[k]}</small>;
  return (
    <Modal title={t('mdf:request.new')} onClose={onClose} testId="mdf-request-form" wide>
      <form noValidate className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('mdf:fund.title')}</span>
          <select value={v.fundId} onChange={set('fundId')} data-testid="mdf-request-fund">
            <option value="" />
            {funds.data?.map((f) => (
              <option key={f.id} value={f.id}>{f.code} {f.name}</option>
            ))}
          </select>
          {err('fund')}
        </label>
        <label>
          <span>{t('mdf:partner')}</span>
          <select value={v.partnerId} onChange={set('partnerId')} data-testid="mdf-request-partner">
            <option value="" />
            {partners.data?.rows.map((p) => (
              <option key={p.id} value={p.id}>{p.code} {p.name}</option>
            ))}
          </select>
          {err('partner')}
        </label>
        <label>
          <span>{t('mdf:request.activity')}</span>
          <select value={v.activityType} onChange={set('activityType')} data-testid="mdf-request-activity">
            {MDF_ACTIVITY_TYPES.filter((a) => !fund?.activityTypes || fund.activityTypes.includes(a)).map((a) => (
              <option key={a} value={a}>{t(`mdf:activity.${a}`)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('mdf:request.title')}</span>
          <input value={v.title} onChange={set('title')} data-testid="mdf-request-title" />
        </label>
        <label>
          <span>{t('mdf:request.startsOn')}</span>
          <input type="date" value={v.startsOn} onChange={set('startsOn')} required data-testid="mdf-request-from" />
        </label>
        <label>
          <span>{t('mdf:request.endsOn')}</span>
          <input type="date" value={v.endsOn} onChange={set('endsOn')} required data-testid="mdf-request-to" />
        </label>
        <label>
          <span>{t('mdf:request.amount')} ({currency})</span>
          <input inputMode="decimal" value={v.amount} onChange={set('amount')} data-testid="mdf-request-amount" />
          {err('amount')}
        </label>
        <label>
          <span>{t('mdf:request.sharePct')}</span>
          <input inputMode="decimal" value={v.sharePct} onChange={set('sharePct')} data-testid="mdf-request-share" />
          {err('share')}
        </label>
        <label>
          <span>{t('mdf:request.expectedLeads')}</span>
          <input inputMode="numeric" value={v.expectedLeads} onChange={set('expectedLeads')} />
        </label>
        <label>
          <span>{t('mdf:request.expectedRevenue')}</span>
          <input inputMode="decimal" value={v.expectedRevenue} onChange={set('expectedRevenue')} />
          {err('expectedRevenue')}
        </label>
        <ErrorBanner error={add.error} />
        <div className="form-actions span2">
          <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="primary" disabled={add.isPending} data-testid="mdf-request-save">{t('mdf:request.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}
