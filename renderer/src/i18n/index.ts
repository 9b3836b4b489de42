import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MDF_ACTIVITY_TYPES, MDF_ACTIVITY_WORDS } from '../../../shared/enums';
import { operationCatalogue } from '../../../shared/operationWords';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Every catalogue file renderer/src/i18n/<lang>/<namespace>.json is picked up: areas add files, not code.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, mod] of Object.entries(files)) {
  const [, lang, ns] = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[lang] ??= {})[ns] = mod.default;
}
// The operations' words are the shared vocabulary's (the refusals that name an operation use the same table).
// So are the MDF activity types' (mdf:activity.*): the payout explanation, the refusals and the CLI say the same.
for (const lang of LANGUAGES) {
  (resources[lang] ??= {}).operations = operationCatalogue(lang);
  (resources[lang].mdf ??= {}).activity = Object.fromEntries(MDF_ACTIVITY_TYPES.map((a) => [a, MDF_ACTIVITY_WORDS[a][lang === 'zh-CN' ? 0 : 1]]));
}
export const NAMESPACES = Object.keys(resources['en'] ?? {});

const STORAGE_KEY = 'pwb.language';
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
