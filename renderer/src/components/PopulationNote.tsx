import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Exclusion, Population } from '../../../shared/population';

/** Reasons whose value is a code with words in the common catalogue. */
const WORDED: Partial<Record<Exclusion['reason'], string>> = { status: 'status', channelType: 'channelType', tier: 'tier' };

function word(t: TFunction, reason: Exclusion['reason'], v: string | number): string {
  const ns = WORDED[reason];
  return ns ? t(`common:${ns}.${v}`, { defaultValue: String(v) }) : String(v);
}

/** Rules whose values are names (statuses, channel types, tiers, territories): quoted one by one in the rule's words. */
const QUOTED_RULES = new Set<Exclusion['reason']>(['status', 'channelType', 'tier', 'region']);

/** One reason in the reader's language: "804 partners have currency CNY (this program pays USD)". */
export function exclusionText(t: TFunction, e: Exclusion): string {
  const sep = t('population:listSeparator');
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => word(t, e.reason, x as string)).join(sep) : v == null ? '' : word(t, e.reason, v as string));
  // The values a rule takes, each in quotes as the reason names its value (“合作中”, “Active”): the rule reads
  // 本次只计状态为“合作中”的伙伴 / only partners with status “Active” count, never 本次只计 合作中.
  const quoted = (v: unknown) => (Array.isArray(v) ? v : v == null ? [] : [v]).map((x) => t('population:quoted', { value: word(t, e.reason, x as string) })).join(sep);
  const expected =
    e.reason === 'training' && typeof e.params.expected === 'number' ? `${Math.round(e.params.expected * 100)} %` : QUOTED_RULES.has(e.reason) ? quoted(e.params.expected) : list(e.params.expected);
  const key = e.reason === 'region' && e.params.value == null ? 'regionNone' : e.reason;
  const main = t(`population:reason.${key}`, { count: e.count, value: list(e.params.value), expected });
  const hasExpected = e.params.expected != null && t(`population:expected.${e.reason}`, { defaultValue: '' }) !== '';
  return hasExpected ? t('population:withRule', { reason: main, rule: t(`population:expected.${e.reason}`, { expected }) }) : main;
}

/**
 * Under a result that selected partners: whom it considered, how many it included and why it left the others out.
 * A result that included nobody is a warning naming the largest reasons, never an empty grid without a word.
 */
export function PopulationNote({ population, testId = 'population' }: { population: Population | null | undefined; testId?: string }) {
  const { t } = useTranslation(['population', 'common']);
  if (!population) return null;
  const top = population.reasons.slice(0, 3).map((e) => exclusionText(t, e));
  const rest = population.reasons.length - top.length;
  const reasons = [...top, ...(rest > 0 ? [t('population:more', { count: rest })] : [])].join(t('population:reasonSeparator'));
  if (population.considered === 0) {
    return (
      <div className="population population-empty" role="status" data-testid={testId} data-included={0}>
        {t('population:noneConsidered')}
      </div>
    );
  }
  if (population.included === 0) {
    return (
      <div className="population population-empty" role="alert" data-testid={testId} data-included={0}>
        <strong>{t('population:noneIncluded', { reasons })}</strong>
        {rest > 0 && <ExclusionList population={population} />}
      </div>
    );
  }
  return (
    <div className="population muted" data-testid={testId} data-included={population.included}>
      {t('population:summary', { considered: population.considered, included: population.included })}
      {population.reasons.length > 0 && <> {t('population:leftOut', { reasons })}</>}
      {rest > 0 && <ExclusionList population={population} />}
    </div>
  );
}

function ExclusionList({ population }: { population: Population }) {
  const { t } = useTranslation(['population', 'common']);
  return (
    <details>
      <summary>{t('population:details')}</summary>
      <ul>
        {population.reasons.map((e) => (
          <li key={`${e.reason}:${JSON.stringify(e.params)}`}>{exclusionText(t, e)}</li>
        ))}
      </ul>
    </details>
  );
}
