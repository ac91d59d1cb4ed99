import { createContext, useContext, type ReactNode } from 'react';
import { en, type Messages } from './en';

/** Locales the UI is translated into. Add `fr` and `de` here with their catalogs. */
export const catalogs = { en } satisfies Record<string, Messages>;
export type Locale = keyof typeof catalogs;
export const defaultLocale: Locale = 'en';

const I18nContext = createContext<Messages>(catalogs[defaultLocale]);

export function I18nProvider({ locale = defaultLocale, children }: { locale?: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={catalogs[locale]}>{children}</I18nContext.Provider>;
}

/** The messages of the current locale. */
export function useMessages(): Messages {
  return useContext(I18nContext);
}

export type { Messages };
