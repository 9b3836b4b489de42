import { useTranslation } from 'react-i18next';
import { messageLanguage } from '../../shared/errorMessages';
import { riskText, type RiskTextParams } from '../../shared/riskTexts';

type Worded = { title: string; description: string | null; textCode?: string | null; textParams?: RiskTextParams | null };

/**
 * The words of a risk in the app's language: a risk the workbench raised (evaluation rule, channel finding, deal
 * conflict) is stored as a text code and parameters (shared/riskTexts); a risk a person wrote reads as written.
 */
export function useRiskText(): (r: Worded) => { title: string; description: string | null } {
  const { i18n } = useTranslation();
  const lang = messageLanguage(i18n.language);
  return (r) => riskText(r, lang);
}
