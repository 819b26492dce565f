import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import type { ZoomConnection } from '../zoom/useZoomConnection';
import type { BookingSettings } from './queries';
import { useUpdateBookingSettings } from './useUpdateBookingSettings';

/** The on/off switch (one click, with the defaults), the link to share, and whether Zoom lets the page take bookings. */
export function BookingLinkCard({ settings, zoom }: { settings: BookingSettings; zoom: ZoomConnection | undefined }) {
  const { save, loading, error } = useUpdateBookingSettings();
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard.writeText(settings.url).then(() => setCopied(true), () => setCopied(false));
  return (
    <section className="card booking-link-card" aria-labelledby="booking-link-title" data-testid="booking-link-card" data-enabled={settings.enabled}>
      <div className="booking-link-head">
        <div>
          <h2 id="booking-link-title">Public booking link</h2>
          <p className="muted">Prospects pick a free time and get a Zoom meeting with you; they land on your contacts as leads, with the meeting on their timeline.</p>
        </div>
        <label className="switch">
          <input type="checkbox" role="switch" aria-labelledby="booking-link-title" checked={settings.enabled} disabled={loading} onChange={() => void save({ enabled: !settings.enabled })} data-testid="booking-enabled" />
          <span className="switch-track" aria-hidden="true" />
          <span aria-hidden="true">{settings.enabled ? 'On' : 'Off'}</span>
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="booking-enable-error">
          {errorMessage(error)}
        </p>
      )}
      {settings.enabled ? (
        <div className="booking-link-row">
          <code className="token" data-testid="booking-url">
            {settings.url}
          </code>
          <button type="button" className="button small" onClick={() => void copy()} data-testid="booking-copy-link">
            {copied ? 'Copied' : 'Copy link'}
          </button>
          <a className="button small" href={settings.url} target="_blank" rel="noreferrer" data-testid="booking-open-page">
            Open my page
          </a>
        </div>
      ) : (
        <p className="muted">Off: nobody can book through {settings.url}. Turning it on offers the hours below, which start as weekdays 9 to 5.</p>
      )}
      {settings.enabled && zoom && zoom.status !== 'CONNECTED' && (
        <p className="banner warn" role="note" data-testid="booking-zoom-warning">
          <strong>{zoom.status === 'NEEDS_RECONNECT' ? 'Your Zoom connection stopped working' : 'Zoom is not connected'}</strong>
          <span>
            Your page tells visitors that booking is unavailable until you <Link to="/settings/integrations">{zoom.status === 'NEEDS_RECONNECT' ? 'reconnect Zoom' : 'connect Zoom'}</Link>.
          </span>
        </p>
      )}
      <span className="visually-hidden" aria-live="polite">
        {copied ? 'Link copied' : ''}
      </span>
    </section>
  );
}
