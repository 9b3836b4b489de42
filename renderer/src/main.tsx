import './api/captureToken';
import { call, queryKeyOf } from './api/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AllCommunityModule } from 'ag-grid-community';
import { AgGridProvider } from 'ag-grid-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import './i18n';
import { Layout } from './layout/Layout';
import { UnlockGate } from './layout/UnlockGate';
import { routes } from './routes';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false } } });
// Pages default their dates to the workspace clock's today: ask for it before the first page needs it.
void queryClient.prefetchQuery({ queryKey: queryKeyOf('system.today', {}), queryFn: () => call('system.today', {}) });

// Hash routing: works from file:// in Electron and from the bridge in a browser alike.
const router = createHashRouter([{ path: '/', element: <Layout />, children: routes.map((r) => ({ path: r.path, element: r.element, index: r.path === '' ? true : undefined })) }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AgGridProvider modules={[AllCommunityModule]}>
        <UnlockGate>
          <RouterProvider router={router} />
        </UnlockGate>
      </AgGridProvider>
    </QueryClientProvider>
  </StrictMode>,
);
