import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { lazyPage } from './components/lazyPage';
import { Titled } from './components/PageTitle';
import { PageSkeleton } from './components/Skeleton';
import './styles.css';

// Every page is its own chunk: the login page downloads React, the router and itself; Apollo comes with ApolloScope.
const LoginPage = lazyPage(() => import('./pages/LoginPage'), 'LoginPage');
const SignupPage = lazyPage(() => import('./pages/SignupPage'), 'SignupPage');
const InvitePage = lazyPage(() => import('./pages/InvitePage'), 'InvitePage');
const PublicBookingPage = lazyPage(() => import('./booking/PublicBookingPage'), 'PublicBookingPage');
const ManageBookingPage = lazyPage(() => import('./booking/ManageBookingPage'), 'ManageBookingPage');
const ApolloScope = lazyPage(() => import('./components/ApolloScope'), 'ApolloScope');
const SignedInShell = lazyPage(() => import('./components/SignedInShell'), 'SignedInShell');
const TodayPage = lazyPage(() => import('./tasks/TodayPage'), 'TodayPage');
const ContactsPage = lazyPage(() => import('./pages/ContactsPage'), 'ContactsPage');
const ContactFormPage = lazyPage(() => import('./pages/ContactFormPage'), 'ContactFormPage');
const ContactImportPage = lazyPage(() => import('./pages/ContactImportPage'), 'ContactImportPage');
const ContactPage = lazyPage(() => import('./pages/ContactPage'), 'ContactPage');
const PipelinePage = lazyPage(() => import('./deals/PipelinePage'), 'PipelinePage');
const DealPage = lazyPage(() => import('./deals/DealPage'), 'DealPage');
const LiveCallsPage = lazyPage(() => import('./pages/LiveCallsPage'), 'LiveCallsPage');
const UnmatchedPage = lazyPage(() => import('./pages/UnmatchedPage'), 'UnmatchedPage');
const IntegrationsPage = lazyPage(() => import('./pages/IntegrationsPage'), 'IntegrationsPage');
const CallingSettingsPage = lazyPage(() => import('./pages/CallingSettingsPage'), 'CallingSettingsPage');
const BookingSettingsPage = lazyPage(() => import('./booking/BookingSettingsPage'), 'BookingSettingsPage');
const ApiTokensPage = lazyPage(() => import('./pages/ApiTokensPage'), 'ApiTokensPage');
const PeoplePage = lazyPage(() => import('./pages/PeoplePage'), 'PeoplePage');
const IntegrationHealthPage = lazyPage(() => import('./pages/IntegrationHealthPage'), 'IntegrationHealthPage');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter>
      <Suspense fallback={<PageSkeleton />}>
        <Routes>
          <Route path="/login" element={<Titled title="Sign in"><LoginPage /></Titled>} />
          <Route element={<ApolloScope />}>
            <Route path="/signup" element={<Titled title="Create your workspace"><SignupPage /></Titled>} />
            <Route path="/invite/:token" element={<Titled title="Join your team"><InvitePage /></Titled>} />
            <Route path="/book/:slug" element={<Titled title="Book a meeting"><PublicBookingPage /></Titled>} />
            <Route path="/book/manage/:token" element={<Titled title="Your booking"><ManageBookingPage /></Titled>} />
            <Route element={<SignedInShell />}>
              <Route path="/today" element={<Titled title="Today"><TodayPage /></Titled>} />
              <Route path="/contacts" element={<Titled title="Contacts"><ContactsPage /></Titled>} />
              <Route path="/contacts/new" element={<Titled title="New contact"><ContactFormPage /></Titled>} />
              <Route path="/contacts/import" element={<Titled title="Import contacts"><ContactImportPage /></Titled>} />
              <Route path="/contacts/:id" element={<ContactPage />} />
              <Route path="/contacts/:id/edit" element={<Titled title="Edit contact"><ContactFormPage /></Titled>} />
              <Route path="/deals" element={<Titled title="Deals"><PipelinePage /></Titled>} />
              <Route path="/deals/:id" element={<DealPage />} />
              <Route path="/calls/live" element={<Titled title="Live calls"><LiveCallsPage /></Titled>} />
              <Route path="/calls/unmatched" element={<Titled title="Unmatched calls"><UnmatchedPage /></Titled>} />
              <Route path="/settings" element={<Navigate to="/settings/integrations" replace />} />
              <Route path="/settings/integrations" element={<Titled title="Integrations"><IntegrationsPage /></Titled>} />
              <Route path="/settings/calling" element={<Titled title="Calling settings"><CallingSettingsPage /></Titled>} />
              <Route path="/settings/booking" element={<Titled title="Booking settings"><BookingSettingsPage /></Titled>} />
              <Route path="/settings/tokens" element={<Titled title="API tokens"><ApiTokensPage /></Titled>} />
              <Route path="/settings/people" element={<Titled title="People"><PeoplePage /></Titled>} />
              <Route path="/settings/health" element={<Titled title="Integration health"><IntegrationHealthPage /></Titled>} />
            </Route>
          </Route>
          <Route path="*" element={<Navigate to="/today" replace />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
