import { useTranslation } from 'react-i18next';
import { amountProblemText, checkAmount } from '../../shared/amountText';
import { messageLanguage } from '../../shared/errorMessages';

export interface AmountRules {
  currency?: string;
  required?: boolean;
  /** Default nonNegative; payout adjustments take any sign, budgets and requests must be positive. */
  sign?: 'any' | 'nonNegative' | 'positive';
}

/**
 * Reads a money input the way people type it (shared/amountText: `1,500,000`, `¥1,500,000.00`, `150万`, full-width
 * digits) to minor units, or the problem in the app's language under the field's label. Every money input goes
 * through this, so they all accept and refuse the same things with the same words.
 */
export function useAmountReader() {
  const { i18n } = useTranslation();
  const lang = messageLanguage(i18n.language);
  return (text: string | null | undefined, label: string, rules: AmountRules = {}): { minor: number | null; error: string | null } => {
    const r = checkAmount(text, rules);
    return { minor: r.minor, error: r.problem ? amountProblemText(r.problem, label, lang, rules.currency) : null };
  };
}
