import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/errors';
import { errorText, messageLanguage } from '../../../shared/errorMessages';

/** Shows a structured contract error: its kind, message and each invalid field. */
export function ErrorBanner({ error }: { error: ApiError | Error | null | undefined }) {
  const { t, i18n } = useTranslation('common');
  if (!error) return null;
  const body = 'body' in error ? error.body : null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <strong>{body ? t(`errors.${body.code}`) : t('state.error')}</strong> {body ? errorText(body, messageLanguage(i18n.language)) : error.message}
      {body?.issues && body.issues.length > 0 && (
        <ul>
          {body.issues.map((i) => (
            <li key={i.path}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
