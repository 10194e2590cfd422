import { lazy, useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth/auth-context';
import type { Session } from './auth/session';
import { AppShell } from './components/app-shell';
import { createApiClient, type ApiClient } from './graphql/client';
import { LiveProvider } from './live/live-context';
import LoginPage from './pages/login/login-page';

// Every page but the login is its own chunk: the entry stays small as pages are added.
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const NodesPage = lazy(() => import('./pages/nodes-page'));
const NodePage = lazy(() => import('./pages/node/node-page'));
const ServicesPage = lazy(() => import('./pages/services-page'));
const ServicePage = lazy(() => import('./pages/service/service-page'));
const EditServicePage = lazy(() => import('./pages/service/edit-service-page'));
const CreateServicePage = lazy(() => import('./pages/create-service/create-service-page'));
const EventsPage = lazy(() => import('./pages/events-page'));
const SettingsPage = lazy(() => import('./pages/settings/settings-page'));
const UsersPage = lazy(() => import('./pages/users/users-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Gate />
      </BrowserRouter>
    </AuthProvider>
  );
}

/** Without a session every address shows the login page, and the address is kept for after it. */
function Gate() {
  const { session } = useAuth();
  return session ? <SignedIn session={session} /> : <LoginPage />;
}

function SignedIn({ session }: { session: Session }) {
  const { logout } = useAuth();
  // Made and disposed in one effect, so React's StrictMode (which runs effects twice in development) never keeps a disposed client.
  const [api, setApi] = useState<ApiClient | null>(null);
  useEffect(() => {
    const why =
      session.credentials.kind === 'cookie'
        ? 'Your session has ended (it expired, was ended elsewhere, or your user was disabled). Log in again.'
        : 'The manager no longer accepts your token. Log in again.';
    const client = createApiClient(session, () => logout(why));
    setApi(client);
    return () => client.dispose();
  }, [session, logout]);
  if (!api) return null;
  return (
    <LiveProvider api={api}>
      <AppShell>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/nodes" element={<NodesPage />} />
          <Route path="/nodes/:id" element={<NodePage />} />
          <Route path="/services" element={<ServicesPage />} />
          <Route path="/services/new" element={<CreateServicePage />} />
          <Route path="/services/:id" element={<ServicePage />} />
          <Route path="/services/:id/edit" element={<EditServicePage />} />
          <Route path="/events" element={<EventsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </AppShell>
    </LiveProvider>
  );
}
