import type { PhoneNumber } from '../graphql';

/** Every phone number in the app renders through here, so click-to-call behaviour lives in one place. */
export function PhoneLink({ phone }: { phone: PhoneNumber }) {
  const dialable = phone.e164 ?? phone.extension;
  if (!dialable) return <span>{phone.raw}</span>;
  const href = `tel:${dialable}${phone.e164 && phone.extension ? `;ext=${phone.extension}` : ''}`;
  return (
    <a className="phone-link" href={href} title={phone.e164 ?? undefined}>
      {phone.raw}
    </a>
  );
}
