import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dealFields, type DealRow } from '../../../../electron/contract/deals';
import { useAmountReader } from '../../amountInput';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useFieldErrorText } from '../../validation';

const DIRECT = 'direct';

/** Registers a deal; the conflict check runs in the main process. */
export function DealForm({ onClose, onRegistered }: { onClose: () => void; onRegistered: (d: DealRow) => void }) {
  const { t } = useTranslation(['deals', 'common']);
  const fieldErrorText = useFieldErrorText();
  const dealLabel = (f: string) => t(`deals:field.${f === 'expectedValueMinor' ? 'expectedValue' : f === 'quotedPriceMinor' ? 'quotedPrice' : f === 'partnerId' ? 'partner' : f}`);
  const partners = useOp('partners.list', {});
  const register = useMutationOp('deals.register');
  const [v, setV] = useState({ partner: '', customerName: '', customerCreditCode: '', productLine: '', expectedValue: '', quotedPrice: '', expectedCloseOn: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const readAmount = useAmountReader();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => {
    setV({ ...v, [k]: e.target.value });
    if (errors[k]) setErrors(({ [k]: _, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const { minor: expected, error: expectedError } = readAmount(v.expectedValue, t('deals:field.expectedValue'), { required: true });
    const { minor: quoted, error: quotedError } = readAmount(v.quotedPrice, t('deals:field.quotedPrice'));
    if (expectedError) errs.expectedValue = expectedError;
    if (quotedError) errs.quotedPrice = quotedError;
    if (!v.partner) errs.partner = t('deals:field.partner');
    const input = {
      partnerId: v.partner === DIRECT ? null : Number(v.partner),
      customerName: v.customerName.trim(),
      customerCreditCode: v.customerCreditCode.trim() || null,
      productLine: v.productLine.trim(),
      expectedValueMinor: expected ?? 0,
      quotedPriceMinor: quoted,
      expectedCloseOn: v.expectedCloseOn || null,
    };
    const parsed = dealFields.safeParse(input);
    if (!parsed.success) for (const [k, m] of Object.entries(fieldErrorText(parsed.error, dealLabel))) errs[k] ??= m;
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      onRegistered(await register.mutateAsync(input));
    } catch {
      /* shown by ErrorBanner */
    }
  };

  const err = (k: string) => errors[k] && <small className="field-error">{errors[k]}</small>;
  return (
    <Modal title={t('deals:registerTitle')} onClose={onClose} testId="deal-form" wide>
      <form noValidate className="form-grid" onSubmit={(e) => void submit(e)}>
        <label className="span2">
          <span>{t('deals:field.partner')}</span>
          <select value={v.partner} onChange={set('partner')} data-testid="deal-partner">
            <option value="" />
            <option value={DIRECT}>{t('deals:direct')}</option>
            {partners.data?.rows.map((p) => (
              <option key={p.id} value={p.id}>{p.code} {p.name}</option>
            ))}
          </select>
          {err('partner')}
        </label>
        <label className="span2">
          <span>{t('deals:field.customerName')}</span>
          <input value={v.customerName} onChange={set('customerName')} data-testid="deal-customer" />
          {err('customerName')}
        </label>
        <label>
          <span>{t('deals:field.customerCreditCode')}</span>
          <input value={v.customerCreditCode} onChange={set('customerCreditCode')} maxLength={18} data-testid="deal-credit-code" />
          {err('customerCreditCode')}
        </label>
        <label>
          <span>{t('deals:field.productLine')}</span>
          <input value={v.productLine} onChange={set('productLine')} data-testid="deal-product-line" />
          {err('productLine')}
        </label>
        <label>
          <span>{t('deals:field.expectedValue')}</span>
          <input inputMode="decimal" value={v.expectedValue} onChange={set('expectedValue')} data-testid="deal-expected-value" />
          {err('expectedValue')}
        </label>
        <label>
          <span>{t('deals:field.quotedPrice')}</span>
          <input inputMode="decimal" value={v.quotedPrice} onChange={set('quotedPrice')} data-testid="deal-quoted-price" />
          {err('quotedPrice')}
        </label>
        <label>
          <span>{t('deals:field.expectedCloseOn')}</span>
          <input type="date" value={v.expectedCloseOn} onChange={set('expectedCloseOn')} />
        </label>
        <div className="span2">
          <ErrorBanner error={register.error} />
        </div>
        <div className="actions span2">
          <div className="spacer" />
          <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="primary" disabled={register.isPending} data-testid="deal-save">
            {register.isPending ? t('common:state.saving') : t('deals:register')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
