import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIGNATURE_LENGTH = 32;

/**
 * The private manage link's token: the booking's id and an HMAC of it under SESSION_SECRET. Unguessable without
 * the secret, checked without a lookup table, and the same every time it is written into an updated invite. A new
 * SESSION_SECRET ends every manage link with every session.
 */
export function manageToken(bookingId: string, secret: string): string {
  return `${bookingId}.${signature(bookingId, secret)}`;
}

/** The booking id a token stands for, or null when it was not made with `secret`. */
export function bookingIdOf(token: string, secret: string): string | null {
  const [bookingId, given, ...rest] = token.split('.');
  if (rest.length > 0 || !bookingId || !given || !UUID.test(bookingId) || given.length !== SIGNATURE_LENGTH) return null;
  return timingSafeEqual(Buffer.from(given), Buffer.from(signature(bookingId, secret))) ? bookingId : null;
}

function signature(bookingId: string, secret: string): string {
  return createHmac('sha256', secret).update(`booking-manage:${bookingId}`).digest('base64url').slice(0, SIGNATURE_LENGTH);
}
