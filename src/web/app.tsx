import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/query-client.ts';
import { I18nProvider } from './i18n/i18n-provider.tsx';
import type { Catalog } from './i18n/catalogs.ts';
import type { Locale } from './i18n/translate.ts';
import { router } from './routes.tsx';

/** Providers around the routes: server state (TanStack Query), language and Ant Design's theme. */
export function App({ language }: { language: { locale: Locale; catalog: Catalog } }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial={language}>
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>
  );
}
