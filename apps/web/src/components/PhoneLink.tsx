import { isE164, telUri, zoomPhoneCallUri, zoomPhoneSmsUri } from '@switchboard/zoom/uri';
import type { MouseEvent } from 'react';
import type { PhoneNumber } from '../graphql';
import { useCurrentUser } from '../session';
import { useSoftphone } from '../softphone/SoftphoneContext';

/**
 * Every phone number in the app renders through here: a call link and a text link that open Zoom Phone, or the
 * system's tel:/sms: handlers for a user who chose them (Settings > Calling). While the softphone pane is open they
 * dial and text through it instead (the links stay, for opening elsewhere).
 */
export function PhoneLink({ phone }: { phone: PhoneNumber }) {
  const { callLinks } = useCurrentUser();
  const softphone = useSoftphone();
  if (!phone.e164 || !isE164(phone.e164)) {
    return phone.extension ? <a className="phone-link" href={`tel:${phone.extension}`}>{phone.raw}</a> : <span>{phone.raw}</span>;
  }
  const zoom = callLinks !== 'TEL';
  const callHref = zoom ? zoomPhoneCallUri(phone.e164, phone.extension) : telUri(phone.e164, phone.extension);
  const textHref = zoom ? zoomPhoneSmsUri(phone.e164) : `sms:${phone.e164}`;
  const via = softphone.on ? 'in the softphone' : zoom ? 'with Zoom Phone' : 'with this device';
  const number = phone.e164;
  const throughSoftphone = (action: (number: string) => void) => (event: MouseEvent) => {
    if (!softphone.on) return;
    event.preventDefault();
    action(number);
  };
  return (
    <span className="phone">
      <a className="phone-link" href={callHref} title={`Call ${phone.e164} ${via}`} onClick={throughSoftphone(softphone.dial)} data-testid="call-link">
        {phone.raw}
      </a>
      <a className="phone-text-link" href={textHref} title={`Text ${phone.e164} ${via}`} aria-label={`Text ${phone.raw}`} onClick={throughSoftphone(softphone.text)} data-testid="sms-link">
        SMS
      </a>
    </span>
  );
}
