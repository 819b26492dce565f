import { z } from 'zod';

// Zoom sends some ids as numbers in one place and strings in another (a meeting id is a number in REST and
// in meeting.created, a string in meeting.started): every id leaves this library as a string.
export const zoomId = z.union([z.string().min(1), z.number()]).transform(String);

/** Optional and tolerant of `null`, which Zoom uses for "not set" in places. */
export const optionalString = z.string().nullish();
export const optionalNumber = z.number().nullish();
export const optionalBoolean = z.boolean().nullish();
/** A required time: a string `Date` can read (ISO-8601 in Zoom's payloads), so a record without a usable one is rejected, not mis-dated. */
export const zoomDateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
/** Extension numbers arrive as numbers (1024) or strings ("1024"). */
export const optionalNumberOrString = z.union([z.number(), z.string()]).nullish();

export const zoomPageFields = {
  next_page_token: optionalString,
  page_size: optionalNumber,
  total_records: optionalNumber,
};
