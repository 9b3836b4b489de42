import { useTranslation } from 'react-i18next';
import { errorText, messageLanguage } from '../../../shared/errorMessages';

export type HqReferenceKind = 'territory' | 'product' | 'course' | 'program_template';

/** Why an HQ row cannot be changed here: the domain's own refusal (reason hq.referenceReadOnly), in the app language. */
export function useHqReadOnlyReason(): (kind: HqReferenceKind, code: string, version: number) => string {
  const { i18n } = useTranslation();
  const lang = messageLanguage(i18n.language);
  return (kind, code, version) => errorText({ message: '', data: { reason: 'hq.referenceReadOnly', params: { kind, code, version } } }, lang);
}

/** Why an HQ product's prices cannot be set here (reason hq.referencePricesReadOnly), in the app language. */
export function useHqPricesReadOnlyReason(): (code: string, version: number) => string {
  const { i18n } = useTranslation();
  const lang = messageLanguage(i18n.language);
  return (code, version) => errorText({ message: '', data: { reason: 'hq.referencePricesReadOnly', params: { code, version } } }, lang);
}

/** 总部 v3 / HQ v3: marks a row pulled from HQ (read-only here); the tooltip says why and what to do. */
export function HqBadge({ kind, code, version }: { kind: HqReferenceKind; code: string; version: number }) {
  const { t } = useTranslation('common');
  const reason = useHqReadOnlyReason();
  return (
    <span className="hq-badge" title={reason(kind, code, version)} data-testid={`hq-badge-${code}`}>
      {t('hqBadge', { version })}
    </span>
  );
}
