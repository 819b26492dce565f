import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Zoom ids look like 22 characters of base64url; derived from a seed so they are stable across resets. */
export function zoomLikeId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 22);
}

export function randomZoomId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** Zoom Phone call ids are 19-digit decimal strings, the same on both ends of a call. */
export function randomCallId(): string {
  return `74${Array.from(randomBytes(17), (byte) => String(byte % 10)).join('')}`;
}

/** Recording and voicemail ids: 32 lowercase hex digits. */
export function randomHexId(): string {
  return randomBytes(16).toString('hex');
}

/** Call history and call element ids: the call's UTC date, then a UUID ("20261124-6f1d2c3b-..."). */
export function datedUuid(at: number, uuid: string = randomUUID()): string {
  return `${new Date(at).toISOString().slice(0, 10).replace(/-/g, '')}-${uuid}`;
}

/** Meeting numbers are 10 or 11 digits. */
export function randomMeetingNumber(): number {
  return 80_000_000_000 + (randomBytes(4).readUInt32BE() % 9_999_999_999);
}

/** Meeting instance UUIDs: 16 random bytes in standard base64 ("4q1Fh7yzT0e8bXw2VmNc5g=="); some contain "/". */
export function randomMeetingUuid(): string {
  return randomBytes(16).toString('base64');
}

/** ISO-8601 in UTC without milliseconds, as Zoom writes times. */
export function zoomTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** yyyy-mm-dd in UTC. */
export function zoomDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
