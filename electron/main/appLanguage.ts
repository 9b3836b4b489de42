import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LANGUAGES = ['zh-CN', 'en'] as const;
export type AppLanguage = (typeof LANGUAGES)[number];

const FILE = 'ui-language.json';

/**
 * The language the user last chose (the workspace's `ui.language`), remembered beside the workspace in the user-data
 * folder: Chromium's locale (`--lang`) must be set before the app is ready, before any workspace (perhaps encrypted)
 * is open. Null when none was remembered or the file is unreadable (the machine's locale then applies).
 */
export function rememberedLanguage(userData: string): AppLanguage | null {
  try {
    const value = (JSON.parse(readFileSync(join(userData, FILE), 'utf8')) as { language?: unknown }).language;
    return (LANGUAGES as readonly unknown[]).includes(value) ? (value as AppLanguage) : null;
  } catch {
    return null;
  }
}

/** Remember the workspace's language for the next start; nothing to remember when the user never chose one. */
export function rememberLanguage(userData: string, language: AppLanguage | null): void {
  if (!language || language === rememberedLanguage(userData)) return;
  writeFileSync(join(userData, FILE), JSON.stringify({ language }));
}

/** Chromium's `--lang` for an app language: date pickers and other built-in controls then speak it. */
export function chromiumLocale(language: AppLanguage): string {
  return language === 'zh-CN' ? 'zh-CN' : 'en-US';
}
