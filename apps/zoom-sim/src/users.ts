import { createHash } from 'node:crypto';

export type PlanName = 'Basic' | 'Pro' | 'Business';

/** users/me `type`: 1 Basic, 2 Licensed (every paid plan). */
export const USER_TYPE_BY_PLAN: Record<PlanName, number> = { Basic: 1, Pro: 2, Business: 2 };

export interface SimUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  accountId: string;
  planType: PlanName;
  timezone: string;
  phoneNumber: string | null;
  extension: number | null;
  phoneUserId: string | null;
}

/** Zoom ids look like 22 characters of base64url; derived from a seed so they are stable across resets. */
export function zoomLikeId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 22);
}

const DEMO_ACCOUNT = zoomLikeId('account:demo-realty');

function user(email: string, firstName: string, lastName: string, planType: PlanName, phone?: { number: string; extension: number }): SimUser {
  return {
    id: zoomLikeId(`user:${email}`),
    email,
    firstName,
    lastName,
    accountId: planType === 'Basic' ? zoomLikeId(`account:${email}`) : DEMO_ACCOUNT,
    planType,
    timezone: 'America/Los_Angeles',
    phoneNumber: phone?.number ?? null,
    extension: phone?.extension ?? null,
    phoneUserId: phone ? zoomLikeId(`phone-user:${email}`) : null,
  };
}

/** The demo's Zoom users: the app's demo logins, plus one per plan/licence case tests need. */
export function seedUsers(): SimUser[] {
  return [
    user('agent@demo.test', 'Alex', 'Agent', 'Pro', { number: '+14155550100', extension: 1001 }),
    user('admin@demo.test', 'Avery', 'Admin', 'Business', { number: '+14155550101', extension: 1002 }),
    user('basic@demo.test', 'Blair', 'Basic', 'Basic'),
    user('pro-nophone@demo.test', 'Parker', 'Nophone', 'Pro'),
  ];
}

/** GET /users/me, in Zoom's field names. */
export function zoomUserResource(user: SimUser) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    type: USER_TYPE_BY_PLAN[user.planType],
    role_name: 'Member',
    pmi: 8_000_000_000 + (parseInt(user.id.slice(0, 6), 36) % 999_999_999),
    use_pmi: false,
    timezone: user.timezone,
    verified: 1,
    dept: '',
    created_at: '2025-01-15T17:00:00Z',
    last_login_time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    language: 'en-US',
    status: 'active',
    role_id: '2',
    account_id: user.accountId,
    account_number: 10_000_000 + (parseInt(user.accountId.slice(0, 5), 36) % 89_999_999),
    cluster: 'us06',
    user_created_at: '2025-01-15T17:00:00Z',
    phone_number: user.phoneNumber ?? '',
    phone_numbers: [],
    custom_attributes: [],
    group_ids: [],
    im_group_ids: [],
    login_types: [100],
    personal_meeting_url: '',
    pic_url: '',
    company: 'Demo Realty',
    job_title: '',
    location: '',
  };
}

/** GET /phone/users/{userId}, for users with a Zoom Phone licence. */
export function zoomPhoneUserResource(user: SimUser) {
  return {
    id: user.id,
    phone_user_id: user.phoneUserId,
    email: user.email,
    extension_id: zoomLikeId(`extension:${user.email}`),
    extension_number: user.extension,
    status: 'activate',
    site_id: zoomLikeId('site:main'),
    site_admin: false,
    department: 'Sales',
    cost_center: '',
    phone_numbers: [{ id: zoomLikeId(`number:${user.email}`), number: user.phoneNumber }],
    calling_plans: [{ type: 200, billing_account_id: '', billing_account_name: '', billing_subscription_id: '', billing_subscription_name: '' }],
    emergency_address: { id: zoomLikeId('address:main'), address_line1: '1 Market St', address_line2: '', city: 'San Francisco', state_code: 'CA', zip: '94105', country: 'US' },
    policy: {
      voicemail: { enable: true, allow_download: true, allow_delete: true, allow_transcription: true, allow_videomail: false },
      auto_call_recording: { enable: false, recording_calls: 'both', recording_transcription: false, locked: false, locked_by: 'account' },
      sms: { enable: true, international_sms: false, locked: false, locked_by: 'account' },
    },
  };
}
