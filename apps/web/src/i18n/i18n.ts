import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Every string on screen comes from these catalogues. The language follows the browser and
 * the switch in the header; it is kept in memory only (a shared computer keeps nothing).
 */
export function startI18n(): typeof i18next {
  const preferred = navigator.language?.slice(0, 2);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: preferred === 'es' ? 'es' : 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => (document.documentElement.lang = language));
  return i18next;
}
