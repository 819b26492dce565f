import { z } from 'zod';
import { optionalNumberOrString, optionalString } from './common';

export const zoomUserSchema = z.looseObject({
  id: z.string().min(1),
  email: z.string(),
  account_id: z.string().min(1),
  /** 1 Basic, 2 Licensed; other values exist (unconfirmed). */
  type: z.number(),
  first_name: optionalString,
  last_name: optionalString,
  display_name: optionalString,
  timezone: optionalString,
  status: optionalString,
  phone_number: optionalString,
  role_name: optionalString,
});
export type ZoomUser = z.output<typeof zoomUserSchema>;

export const zoomPhoneUserSchema = z.looseObject({
  id: z.string().min(1),
  email: optionalString,
  extension_id: optionalString,
  extension_number: optionalNumberOrString,
  status: optionalString,
  site_id: optionalString,
  phone_numbers: z.array(z.looseObject({ id: optionalString, number: z.string() })).default([]),
  calling_plans: z.array(z.looseObject({ type: optionalNumberOrString })).default([]),
});
export type ZoomPhoneUser = z.output<typeof zoomPhoneUserSchema>;
