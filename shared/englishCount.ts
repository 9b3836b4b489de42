const ENGLISH_PLURAL = new Intl.PluralRules('en');

/**
 * An English count before its noun: `one` for a numeric count of 1, else `other` — the choice the window's i18next
 * `_one` / `_other` and the CLI's `{ one, other }` make (a count given as text is the plural, as there).
 */
export function englishCount(n: unknown, one: string, other: string): string {
  return `${String(n)} ${typeof n === 'number' && ENGLISH_PLURAL.select(n) === 'one' ? one : other}`;
}
