import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { errorText, messageLanguage } from '../../../shared/errorMessages';
import { issueText, pathField } from '../../../shared/validationMessages';

/**
 * Shows a structured contract error in the app's language: its kind, the domain's words for it (reason + params), and
 * for invalid input each field's problem under the field's label — `fieldLabel` names a field as the form shows it;
 * otherwise the import field words, else "this field". Never zod's text or a field path.
 */
export function ErrorBanner({ error, fieldLabel }: { error: ApiError | Error | null | undefined; fieldLabel?: (field: string) => string | undefined }) {
  const { t, i18n } = useTranslation('common');
  if (!error) return null;
  const body = 'body' in error ? error.body : null;
  const lang = messageLanguage(i18n.language);
  const invalid = body?.code === 'INVALID_INPUT' && (body.issues?.length ?? 0) > 0;
  const labelOf = (path: string) => {
    const { field, row } = pathField(path);
    // The form's own label, else the import field words, else the general field names the audit trail uses too.
    const general = (f: string) => t(`audit:fieldName.${f}`, { defaultValue: '' }) || t(`audit:fieldName.${f.replace(/(Minor|Id|Ids)$/, '')}`, { defaultValue: '' });
    const label = (field && (fieldLabel?.(field) || t(`imports:fields.${field}`, { defaultValue: '' }) || general(field))) || t('validation.thisField');
    return row !== null ? t('validation.inRow', { label, row }) : label;
  };
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <strong>{body ? t(`errors.${body.code}`) : t('state.error')}</strong> {invalid ? t('validation.correct') : body ? errorText(body, lang) : error.message}
      {invalid && (
        <ul>
          {body!.issues!.map((i) => (
            <li key={`${i.path}:${i.code ?? i.message}`}>{issueText(i, labelOf(i.path), lang)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
