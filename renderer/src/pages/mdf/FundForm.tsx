import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_TYPES, MDF_ACTIVITY_TYPES, TIERS, type MdfActivityType } from '../../../../shared/enums';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useAmountReader } from '../../amountInput';
import { useToday } from '../../today';

/** A new fund: budget for a period and a scope, in a currency, for some activity types. */
export function FundForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['mdf', 'common']);
  const add = useMutationOp('mdf.funds.add');
  const territories = useOp('territories.list', {});
  const year = useToday().slice(0, 4);
  const [v, setV] = useState({ code: '', name: '', period: year, budget: '', currency: 'CNY', territory: '', channelType: '', tier: '', partnerCode: '', claimDeadline: '' });
  const [types, setTypes] = useState<MdfActivityType[]>([]);
  const [amountError, setAmountError] = useState<string | null>(null);
  const readAmount = useAmountReader();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { minor: budget, error } = readAmount(v.budget, t('mdf:fund.budget'), { currency: v.currency, required: true, sign: 'positive' });
    setAmountError(error);
    if (budget == null || error) return;
    try {
      await add.mutateAsync({
        code: v.code.trim(),
        name: v.name.trim(),
        period: v.period.trim(),
        budgetMinor: budget,
        currency: v.currency,
        territory: v.territory || null,
        channelType: (v.channelType || null) as never,
        tier: (v.tier || null) as never,
        partnerCode: v.partnerCode.trim() || null,
        activityTypes: types.length ? types : undefined,
        claimDeadline: v.claimDeadline || undefined,
      });
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };
  const territoryList = territories.data ?? [];
  return (
    <Modal title={t('mdf:fund.new')} onClose={onClose} testId="mdf-fund-form" wide>
      <form noValidate className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('mdf:fund.code')}</span>
          <input value={v.code} onChange={set('code')} required data-testid="mdf-fund-code" />
        </label>
        <label>
          <span>{t('mdf:fund.name')}</span>
          <input value={v.name} onChange={set('name')} required data-testid="mdf-fund-name" />
        </label>
        <label>
          <span>{t('mdf:fund.period')}</span>
          <input value={v.period} onChange={set('period')} placeholder="2026 / 2026-Q1 / 2026-H1" required data-testid="mdf-fund-period" />
        </label>
        <label>
          <span>{t('mdf:fund.budget')}</span>
          <input inputMode="decimal" value={v.budget} onChange={set('budget')} required data-testid="mdf-fund-budget" />
          {amountError && <small className="field-error" data-testid="mdf-fund-budget-error">{amountError}</small>}
        </label>
        <label>
          <span>{t('mdf:fund.currency')}</span>
          <input value={v.currency} onChange={set('currency')} maxLength={3} />
        </label>
        <label>
          <span>{t('mdf:fund.claimDeadline')}</span>
          <input type="date" value={v.claimDeadline} onChange={set('claimDeadline')} />
        </label>
        <label>
          <span>{t('mdf:fund.territory')}</span>
          <select value={v.territory} onChange={set('territory')}>
            <option value="">{t('mdf:any')}</option>
            {territoryList.map((x) => (
              <option key={x.code} value={x.code}>{x.code} {x.nameZh}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('mdf:fund.channelType')}</span>
          <select value={v.channelType} onChange={set('channelType')}>
            <option value="">{t('mdf:any')}</option>
            {CHANNEL_TYPES.map((c) => (
              <option key={c} value={c}>{t(`common:channelType.${c}`)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('mdf:fund.tier')}</span>
          <select value={v.tier} onChange={set('tier')}>
            <option value="">{t('mdf:any')}</option>
            {TIERS.map((c) => (
              <option key={c} value={c}>{t(`common:tier.${c}`)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('mdf:fund.partner')}</span>
          <input value={v.partnerCode} onChange={set('partnerCode')} placeholder={t('mdf:partnerCodeHint')} />
        </label>
        <fieldset className="span2 mdf-types">
          <legend>{t('mdf:fund.activityTypes')}</legend>
          {MDF_ACTIVITY_TYPES.map((a) => (
            <label key={a} className="inline">
              <input type="checkbox" checked={types.includes(a)} onChange={(e) => setTypes(e.target.checked ? [...types, a] : types.filter((x) => x !== a))} />
              {t(`mdf:activity.${a}`)}
            </label>
          ))}
          <small className="muted">{t('mdf:allTypesHint')}</small>
        </fieldset>
        <ErrorBanner error={add.error} />
        <div className="form-actions span2">
          <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="primary" disabled={add.isPending} data-testid="mdf-fund-save">{t('common:actions.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
