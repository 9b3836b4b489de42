import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';
import { units } from './PlanForm';
import { isQuantityMetric, type PlanDetail } from '../../../../electron/contract/plans';
import { useMutationOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { PlanRulesFields } from './PlanRulesFields';

/** Changes a plan's total, method, uplift, minimum, time split and stretch levels; locks stay, the rest re-spreads. */
export function PlanEdit({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useTranslation(['plans', 'common']);
  const update = useMutationOp('plans.update');
  const quantity = isQuantityMetric(plan.metric);
  const show = (v: number) => (quantity ? String(v) : formatMinor(v, 'CNY'));
  const [v, setV] = useState({
    name: plan.name ?? '',
    total: show(plan.totalMinor),
    method: plan.rules.method,
    uplift: String(Math.round(plan.rules.uplift.default * 10000) / 100),
    minimum: show(plan.rules.newPartnerMinimumMinor),
    timeSplit: plan.rules.timeSplit,
    stretch: String(plan.rules.stretchPct),
    challenge: String(plan.rules.challengePct),
  });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const readAmount = useAmountReader();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const totalRead = quantity ? { minor: units(v.total), error: null } : readAmount(v.total, t('plans:field.total'), { required: true });
    const minimumRead = quantity ? { minor: units(v.minimum) ?? 0, error: null } : readAmount(v.minimum, t('plans:field.minimum'));
    const total = totalRead.minor;
    const minimum = minimumRead.minor ?? 0;
    const uplift = Number(v.uplift);
    if (totalRead.error || minimumRead.error) return setFieldError((totalRead.error ?? minimumRead.error)!);
    if (total == null || total < 0 || minimum < 0) return setFieldError(t('plans:error.units'));
    if (!Number.isFinite(uplift)) return setFieldError(t('plans:error.rate'));
    setFieldError(null);
    try {
      await update.mutateAsync({
        code: plan.code,
        name: v.name.trim() || null,
        totalMinor: total,
        rules: { method: v.method, uplift: { ...plan.rules.uplift, default: uplift / 100 }, newPartnerMinimumMinor: minimum, timeSplit: v.timeSplit, stretchPct: Number(v.stretch), challengePct: Number(v.challenge) },
      });
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };
  return (
    <Modal title={t('plans:edit')} onClose={onClose} testId="plan-edit-form" wide>
      <form noValidate className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('plans:field.name')}</span>
          <input value={v.name} onChange={set('name')} />
        </label>
        <label>
          <span>{quantity ? t('plans:field.totalUnits') : t('plans:field.total')}</span>
          <input inputMode="decimal" value={v.total} onChange={set('total')} required data-testid="plan-edit-total" />
        </label>
        <PlanRulesFields draft={v} onChange={setV} testIdPrefix="plan-edit" />
        {fieldError && <p className="field-error span2">{fieldError}</p>}
        <ErrorBanner error={update.error} />
        <div className="form-actions span2">
          <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="primary" disabled={update.isPending} data-testid="plan-edit-save">{t('common:actions.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
