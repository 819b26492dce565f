import { zoomLikeId } from './ids';

export type PlanName = 'Basic' | 'Pro' | 'Business';

/** users/me `type`: 1 Basic, 2 Licensed (every paid plan). */
export const USER_TYPE_BY_PLAN: Record<PlanName, 1 | 2> = { Basic: 1, Pro: 2, Business: 2 };

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
  extensionId: string;
  pmi: number;
}

/** A user with a Zoom Phone licence: `user()` below gives the number, the extension and the phone user id together. */
export type SimPhoneUser = SimUser & { phoneNumber: string; extension: number; phoneUserId: string };
export const hasPhone = (user: SimUser): user is SimPhoneUser => user.phoneUserId !== null;

/** Zoom's free (Basic) plan records only to the computer and has no AI Companion: no cloud recordings, no meeting summaries. */
export const hasCloudRecording = (user: SimUser) => user.planType !== 'Basic';

export const SITE = { id: zoomLikeId('site:main'), name: 'Main Site' };
export const DEPARTMENT = 'Sales';
export const COST_CENTER = 'CC-100';
/** The desktop client every simulated user "uses": Zoom reports it on call events and call history. */
export const DEVICE = { type: 'MAC_Client(6.2.5.41207)', privateIp: '10.20.4.17', publicIp: '203.0.113.24' };

const DEMO_ACCOUNT = zoomLikeId('account:demo-realty');

function user(email: string, firstName: string, lastName: string, planType: PlanName, pmi: number, phone?: { number: string; extension: number }): SimUser {
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
    extensionId: zoomLikeId(`extension:${email}`),
    pmi,
  };
}

/** The demo's Zoom users: the app's demo logins, plus one per plan/licence case tests need. */
export function seedUsers(): SimUser[] {
  return [
    user('agent@demo.test', 'Alex', 'Agent', 'Pro', 5550100100, { number: '+14155550100', extension: 1001 }),
    user('admin@demo.test', 'Avery', 'Admin', 'Business', 5550100101, { number: '+14155550101', extension: 1002 }),
    user('basic@demo.test', 'Blair', 'Basic', 'Basic', 5550100102),
    user('pro-nophone@demo.test', 'Parker', 'Nophone', 'Pro', 5550100103),
  ];
}

export const displayName = (user: SimUser) => `${user.firstName} ${user.lastName}`;

function nationalNumber(e164: string): { code: string; number: string } {
  return e164.startsWith('+1') ? { code: '+1', number: e164.slice(2) } : { code: '', number: e164.replace(/^\+/, '') };
}

/** GET /users/me, in Zoom's field names. */
export function zoomUserResource(user: SimUser) {
  const phone = user.phoneNumber ? nationalNumber(user.phoneNumber) : null;
  return {
    id: user.id,
    created_at: '2025-01-15T17:00:00Z',
    dept: DEPARTMENT,
    email: user.email,
    first_name: user.firstName,
    last_client_version: '6.2.5.41207(mac)',
    last_login_time: '2026-11-24T13:55:02Z',
    last_name: user.lastName,
    pmi: user.pmi,
    role_name: 'Member',
    timezone: user.timezone,
    type: USER_TYPE_BY_PLAN[user.planType],
    use_pmi: false,
    display_name: displayName(user),
    account_id: user.accountId,
    account_number: 10_000_000 + (parseInt(user.accountId.slice(0, 5), 36) % 89_999_999),
    cms_user_id: '',
    company: 'Demo Realty',
    user_created_at: '2025-01-15T17:00:00Z',
    custom_attributes: [],
    employee_unique_id: '',
    group_ids: [],
    im_group_ids: [],
    jid: `${user.id.toLowerCase()}@xmpp.zoom.us`,
    job_title: 'Agent',
    language: 'en-US',
    location: 'San Francisco',
    // 100: signs in with a Zoom work email.
    login_types: [100 as const],
    manager: '',
    personal_meeting_url: `https://us06web.zoom.us/j/${user.pmi}`,
    phone_country: phone ? 'US' : '',
    phone_number: phone ? `${phone.code} ${phone.number}` : '',
    phone_numbers: phone ? [{ code: phone.code, country: 'US', label: 'Office' as const, number: phone.number, verified: false }] : [],
    pic_url: '',
    pronouns: '',
    // 3: the user chose not to share pronouns.
    pronouns_option: 3 as const,
    role_id: '2',
    status: 'active' as const,
    vanity_url: '',
    verified: 1,
    cluster: 'us06',
    zoom_one_type: 0,
  };
}

/** GET /phone/users/{userId}, for users with a Zoom Phone licence. */
export function zoomPhoneUserResource(user: SimPhoneUser) {
  return {
    id: user.id,
    phone_user_id: user.phoneUserId,
    email: user.email,
    extension_id: user.extensionId,
    extension_number: user.extension,
    status: 'activate' as const,
    site_id: SITE.id,
    site_admin: false,
    department: DEPARTMENT,
    cost_center: COST_CENTER,
    phone_numbers: [{ id: zoomLikeId(`number:${user.email}`), number: user.phoneNumber }],
    calling_plans: [{ type: 200, billing_account_id: '', billing_account_name: '', billing_subscription_id: '', billing_subscription_name: '' }],
    emergency_address: { id: zoomLikeId('address:main'), address_line1: '500 Market St', address_line2: 'Floor 4', city: 'San Francisco', state_code: 'CA', zip: '94105', country: 'US' },
    policy: {
      voicemail: { enable: true, allow_download: true, allow_delete: true, allow_transcription: true, allow_videomail: false },
      auto_call_recording: { enable: false, recording_calls: 'both' as const, recording_transcription: false, locked: false, locked_by: 'account' as const },
      sms: { enable: true, international_sms: false, locked: false, locked_by: 'account' as const },
    },
  };
}
