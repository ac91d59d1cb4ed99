import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider, useMessages } from '../i18n';
import { followOtherTabs } from '../lib/auth/sessionSync';
import { tokenStore } from '../lib/auth/tokenStore';
import { createQueryClient } from '../lib/queryClient';
import { createAppTheme, cssVariablesResolver } from './theme';

/** Keeps tabs in step and drops cached data when the session ends. */
function SessionSync({ queryClient }: { queryClient: QueryClient }) {
  useEffect(() => {
    const stopFollowing = followOtherTabs();
    const unsubscribe = tokenStore.subscribe(() => {
      if (tokenStore.getState().tokens === null) queryClient.clear();
    });
    return () => {
      stopFollowing();
      unsubscribe();
    };
  }, [queryClient]);
  return null;
}

/** Mantine with the app's theme; inside the i18n provider, since the theme carries labels. */
function ThemeProvider({ children }: { children: ReactNode }) {
  const t = useMessages();
  const theme = useMemo(() => createAppTheme(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nProvider>
      <ThemeProvider>
        <Notifications position="top-right" />
        <QueryClientProvider client={client}>
          <SessionSync queryClient={client} />
          {children}
        </QueryClientProvider>
      </ThemeProvider>
    </I18nProvider>
  );
}
