import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../../shared/enums';
import { PLAN_METHODS, PLAN_TIME_SPLITS } from '../../../../electron/contract/plans';

/** A plan's rules as typed: method, uplift (%), minimum for partners without history, time split, stretch levels (%). */
export interface PlanRulesDraft {
  method: (typeof PLAN_METHODS)[number];
  uplift: string;
  minimum: string;
  timeSplit: (typeof PLAN_TIME_SPLITS)[number];
  stretch: string;
  challenge: string;
}

/**
 * The rules' fields of the new-plan form and the plan editor (one set of inputs, so both read the same). With
 * `tierUplift`, a growth-weighted plan also takes an uplift per tier. Test ids start with `testIdPrefix`.
 */
export function PlanRulesFields<D extends PlanRulesDraft>({
  draft,
  onChange,
  testIdPrefix,
  tierUplift,
}: {
  draft: D;
  onChange: (next: D) => void;
  testIdPrefix: string;
  tierUplift?: { values: Record<string, string>; onChange: (next: Record<string, string>) => void };
}) {
  const { t } = useTranslation(['plans', 'common']);
  const set = (k: keyof PlanRulesDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [k]: e.target.value });
  return (
    <>
      <label>
        <span>{t('plans:field.method')}</span>
        <select value={draft.method} onChange={set('method')} data-testid={`${testIdPrefix}-method`}>
          {PLAN_METHODS.map((m) => (
            <option key={m} value={m}>{t(`plans:method.${m}`)}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('plans:field.uplift')}</span>
        <input inputMode="decimal" value={draft.uplift} onChange={set('uplift')} placeholder="10" data-testid={`${testIdPrefix}-uplift`} />
      </label>
      <label>
        <span>{t('plans:field.minimum')}</span>
        <input inputMode="decimal" value={draft.minimum} onChange={set('minimum')} placeholder="0" data-testid={`${testIdPrefix}-minimum`} />
      </label>
      {tierUplift && draft.method === 'growth-weighted' && (
        <fieldset className="span2 plan-uplifts">
          <legend>{t('plans:upliftByTier')}</legend>
          {TIERS.map((tier) => (
            <label key={tier} className="inline">
              {t(`common:tier.${tier}`)}
              <input
                inputMode="decimal"
                size={5}
                value={tierUplift.values[tier] ?? ''}
                onChange={(e) => tierUplift.onChange({ ...tierUplift.values, [tier]: e.target.value })}
                data-testid={`${testIdPrefix}-uplift-${tier}`}
              />{' '}
              %
            </label>
          ))}
        </fieldset>
      )}
      <label>
        <span>{t('plans:field.timeSplit')}</span>
        <select value={draft.timeSplit} onChange={set('timeSplit')} data-testid={`${testIdPrefix}-time-split`}>
          {PLAN_TIME_SPLITS.map((s) => (
            <option key={s} value={s}>{t(`plans:timeSplit.${s}`)}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('plans:field.stretch')}</span>
        <span className="plan-levels">
          <input inputMode="numeric" size={4} value={draft.stretch} onChange={set('stretch')} aria-label={t('plans:level.stretch')} /> % ·
          <input inputMode="numeric" size={4} value={draft.challenge} onChange={set('challenge')} aria-label={t('plans:level.challenge')} /> %
        </span>
      </label>
    </>
  );
}
