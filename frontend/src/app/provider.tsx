import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nProvider } from '../i18n';
import { STORAGE_KEY, tokenStore } from '../lib/auth/tokenStore';
import { createQueryClient } from '../lib/queryClient';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
});

/** Keeps tabs in step and drops cached data when the session ends. */
function SessionSync({ queryClient }: { queryClient: QueryClient }) {
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY || event.key === null) tokenStore.syncFromStorage();
    };
    window.addEventListener('storage', onStorage);
    const unsubscribe = tokenStore.subscribe(() => {
      if (tokenStore.getState().tokens === null) queryClient.clear();
    });
    return () => {
      window.removeEventListener('storage', onStorage);
      unsubscribe();
    };
  }, [queryClient]);
  return null;
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nProvider>
      <MantineProvider theme={theme}>
        <Notifications position="top-right" />
        <QueryClientProvider client={client}>
          <SessionSync queryClient={client} />
          {children}
        </QueryClientProvider>
      </MantineProvider>
    </I18nProvider>
  );
}
