import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { BookingSettingsPage } from './booking/BookingSettingsPage';
import { ManageBookingPage } from './booking/ManageBookingPage';
import { PublicBookingPage } from './booking/PublicBookingPage';
import { Layout } from './components/Layout';
import { ApiTokensPage } from './pages/ApiTokensPage';
import { CallingSettingsPage } from './pages/CallingSettingsPage';
import { ContactFormPage } from './pages/ContactFormPage';
import { ContactPage } from './pages/ContactPage';
import { ContactsPage } from './pages/ContactsPage';
import { IntegrationHealthPage } from './pages/IntegrationHealthPage';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { InvitePage } from './pages/InvitePage';
import { LoginPage } from './pages/LoginPage';
import { LiveCallsPage } from './pages/LiveCallsPage';
import { PeoplePage } from './pages/PeoplePage';
import { SignupPage } from './pages/SignupPage';
import { UnmatchedPage } from './pages/UnmatchedPage';
import { RequireSession } from './session';
import { SoftphoneProvider } from './softphone/SoftphoneContext';
import './styles.css';

const client = createApolloClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/signup" element={<SignupPage />} />
          <Route path="/invite/:token" element={<InvitePage />} />
          <Route path="/book/:slug" element={<PublicBookingPage />} />
          <Route path="/book/manage/:token" element={<ManageBookingPage />} />
          <Route
            element={
              <RequireSession>
                <SoftphoneProvider>
                  <Layout />
                </SoftphoneProvider>
              </RequireSession>
            }
          >
            <Route path="/contacts" element={<ContactsPage />} />
            <Route path="/contacts/new" element={<ContactFormPage />} />
            <Route path="/contacts/:id" element={<ContactPage />} />
            <Route path="/contacts/:id/edit" element={<ContactFormPage />} />
            <Route path="/calls/live" element={<LiveCallsPage />} />
            <Route path="/calls/unmatched" element={<UnmatchedPage />} />
            <Route path="/settings" element={<Navigate to="/settings/integrations" replace />} />
            <Route path="/settings/integrations" element={<IntegrationsPage />} />
            <Route path="/settings/calling" element={<CallingSettingsPage />} />
            <Route path="/settings/booking" element={<BookingSettingsPage />} />
            <Route path="/settings/tokens" element={<ApiTokensPage />} />
            <Route path="/settings/people" element={<PeoplePage />} />
            <Route path="/settings/health" element={<IntegrationHealthPage />} />
          </Route>
          <Route path="*" element={<Navigate to="/contacts" replace />} />
        </Routes>
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
