import { useTranslation } from 'react-i18next';
import type { ZodError } from 'zod';
import { messageLanguage } from '../../shared/errorMessages';
import { issueText, pathField, type IssueLike } from '../../shared/validationMessages';

/**
 * A form's field errors in the app's language with the field's label ("名称不能为空" / "Name is required"), keyed by the
 * field (the first path segment) — never zod's text or a path. `labelOf` names a field as the form shows it.
 */
export function useFieldErrorText() {
  const { i18n } = useTranslation();
  const lang = messageLanguage(i18n.language);
  return (error: ZodError, labelOf: (field: string) => string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const i of error.issues) {
      const key = String(i.path[0] ?? '');
      const { field, row } = pathField(i.path as PropertyKey[]);
      const label = labelOf(field ?? key) + (row !== null && field !== key ? ` (${row})` : '');
      out[key] ??= issueText(i as unknown as IssueLike, label, lang);
    }
    return out;
  };
}
