import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_TYPES } from '../../../../shared/enums';
import { PLAN_METHODS, PLAN_TIME_SPLITS, type PlanScope } from '../../../../electron/contract/plans';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { territoryLabel } from '../../territories';
import { useToday } from '../../today';
import { useAmountReader } from '../../amountInput';
import { PlanRulesFields } from './PlanRulesFields';

/** A unit count as typed: 12000, 12,000, full-width digits; -1 when it is not one. */
export const units = (text: string): number | null => {
  const s = text.normalize('NFKC').trim();
  if (!s) return null;
  return /^(\d+|\d{1,3}(,\d{3})+)$/.test(s) ? Number(s.replace(/,/g, '')) : -1;
};
const rate = (text: string): number | null => (text.trim() === '' ? null : Number.isFinite(Number(text)) ? Number(text) / 100 : NaN);

/** A new target plan: metric, period, scope, total, method (uplift per tier for growth-weighted), minimum, time split, stretch levels. */
export function PlanForm({ onClose, onCreated }: { onClose: () => void; onCreated: (code: string) => void }) {
  const { t, i18n } = useTranslation(['plans', 'common']);
  const create = useMutationOp('plans.create');
  const territories = useOp('territories.list', {});
  const managers = useOp('channelManagers.list', {});
  const year = Number(useToday().slice(0, 4));
  const [v, setV] = useState({
    code: '',
    name: '',
    metric: 'revenue',
    period: String(year + 1),
    scopeKind: 'all' as PlanScope['kind'],
    scopeValue: '',
    total: '',
    method: 'last-year-share' as (typeof PLAN_METHODS)[number],
    uplift: '',
    minimum: '',
    timeSplit: 'seasonal' as (typeof PLAN_TIME_SPLITS)[number],
    stretch: '110',
    challenge: '120',
  });
  const [tierUplift, setTierUplift] = useState<Record<string, string>>({});
  const [fieldError, setFieldError] = useState<string | null>(null);
  const readAmount = useAmountReader();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const quantity = v.metric === 'sellThroughQuantity';
    const totalRead = quantity ? null : readAmount(v.total, t('plans:field.total'));
    const minimumRead = quantity ? null : readAmount(v.minimum, t('plans:field.minimum'));
    const total = quantity ? units(v.total) : totalRead!.minor;
    const minimum = (quantity ? units(v.minimum) : minimumRead!.minor) ?? 0;
    const uplift = rate(v.uplift) ?? 0;
    if (totalRead?.error || minimumRead?.error) return setFieldError((totalRead?.error ?? minimumRead?.error)!);
    if ((total ?? 0) < 0 || minimum < 0) return setFieldError(t('plans:error.units'));
    const rates: Record<string, number> = {};
    for (const [k, x] of Object.entries(tierUplift)) {
      const r = rate(x);
      if (r === null) continue;
      if (Number.isNaN(r)) return setFieldError(t('plans:error.rate'));
      rates[k] = r;
    }
    if (Number.isNaN(uplift)) return setFieldError(t('plans:error.rate'));
    setFieldError(null);
    const scope = (v.scopeKind === 'all' ? { kind: 'all' } : { kind: v.scopeKind, value: v.scopeValue }) as PlanScope;
    try {
      const p = await create.mutateAsync({
        code: v.code.trim(),
        name: v.name.trim() || undefined,
        metric: v.metric as 'revenue' | 'margin' | 'sellThroughQuantity',
        period: v.period.trim(),
        scope,
        totalMinor: total ?? undefined,
        rules: {
          method: v.method,
          uplift: { default: uplift, by: Object.keys(rates).length ? 'tier' : null, rates },
          newPartnerMinimumMinor: minimum,
          timeSplit: v.timeSplit,
          stretchPct: Number(v.stretch),
          challengePct: Number(v.challenge),
        },
      });
      onCreated(p.code);
    } catch {
      /* shown by ErrorBanner */
    }
  };

  return (
    <Modal title={t('plans:new')} onClose={onClose} testId="plan-form" wide>
      <form noValidate className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('plans:field.code')}</span>
          <input value={v.code} onChange={set('code')} required data-testid="plan-code" />
        </label>
        <label>
          <span>{t('plans:field.name')}</span>
          <input value={v.name} onChange={set('name')} data-testid="plan-name" />
        </label>
        <label>
          <span>{t('plans:field.metric')}</span>
          <select value={v.metric} onChange={set('metric')} data-testid="plan-metric">
            <option value="revenue">{t('plans:metric.revenue')}</option>
            <option value="margin">{t('plans:metric.margin')}</option>
            <option value="sellThroughQuantity">{t('plans:metric.sellThroughQuantity')}</option>
          </select>
        </label>
        <label>
          <span>{t('plans:field.period')}</span>
          <input value={v.period} onChange={set('period')} placeholder="2027 / 2027-H1 / 2027-Q1" required data-testid="plan-period" />
        </label>
        <label>
          <span>{t('plans:field.scope')}</span>
          <select value={v.scopeKind} onChange={(e) => setV({ ...v, scopeKind: e.target.value as PlanScope['kind'], scopeValue: '' })} data-testid="plan-scope-kind">
            {(['all', 'territory', 'channelType', 'channelManager'] as const).map((k) => (
              <option key={k} value={k}>{t(`plans:scope.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('plans:field.scopeValue')}</span>
          {v.scopeKind === 'territory' ? (
            <select value={v.scopeValue} onChange={set('scopeValue')} required data-testid="plan-scope-value">
              <option value="" />
              {(territories.data ?? []).map((x) => (
                <option key={x.code} value={x.code}>{x.code} {territoryLabel(x, i18n.language)}</option>
              ))}
            </select>
          ) : v.scopeKind === 'channelType' ? (
            <select value={v.scopeValue} onChange={set('scopeValue')} required data-testid="plan-scope-value">
              <option value="" />
              {CHANNEL_TYPES.map((c) => (
                <option key={c} value={c}>{t(`common:channelType.${c}`)}</option>
              ))}
            </select>
          ) : v.scopeKind === 'channelManager' ? (
            <select value={v.scopeValue} onChange={set('scopeValue')} required data-testid="plan-scope-value">
              <option value="" />
              {(managers.data ?? []).map((m) => (
                <option key={m.id} value={m.email ?? m.name}>{m.name}</option>
              ))}
            </select>
          ) : (
            <input disabled value="" />
          )}
        </label>
        <label>
          <span>{t('plans:field.total')}</span>
          <input inputMode="decimal" value={v.total} onChange={set('total')} placeholder={t('plans:totalHint')} data-testid="plan-total" />
        </label>
        <PlanRulesFields draft={v} onChange={setV} testIdPrefix="plan" tierUplift={{ values: tierUplift, onChange: setTierUplift }} />
        {fieldError && <p className="field-error span2" data-testid="plan-field-error">{fieldError}</p>}
        <ErrorBanner error={create.error} />
        <div className="form-actions span2">
          <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
          <button type="submit" className="primary" disabled={create.isPending} data-testid="plan-save">{t('common:actions.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
