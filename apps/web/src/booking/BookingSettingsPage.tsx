import { useQuery } from '@apollo/client/react';
import { errorMessage } from '../apollo';
import { SettingsTabs } from '../components/SettingsTabs';
import { useZoomConnection } from '../zoom/useZoomConnection';
import { BookingLinkCard } from './BookingLinkCard';
import { BookingRulesForm } from './BookingRulesForm';
import { BOOKING_SETTINGS, type BookingSettings } from './queries';
import './booking.css';

/** Zoom Basic meetings end at 40 minutes (the public page hears the same from the api). */
const BASIC_PLAN_MEETING_MINUTES = 40;

/** Settings > Booking: the agent's public booking link and the hours it offers. */
export function BookingSettingsPage() {
  const { data, error } = useQuery<{ bookingSettings: BookingSettings }>(BOOKING_SETTINGS);
  const { connection } = useZoomConnection();
  const meetingLimitMinutes = connection?.status === 'CONNECTED' && connection.planType === 'Basic' ? BASIC_PLAN_MEETING_MINUTES : null;
  return (
    <section className="page booking-settings">
      <h1>Settings</h1>
      <SettingsTabs />
      {error && !data && <p className="form-error">{errorMessage(error)}</p>}
      {data && (
        <div className="booking-settings-cards">
          <BookingLinkCard settings={data.bookingSettings} zoom={connection} />
          <BookingRulesForm settings={data.bookingSettings} meetingLimitMinutes={meetingLimitMinutes} />
        </div>
      )}
    </section>
  );
}
