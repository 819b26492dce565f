import { ActivityDirection, ActivityType, CallResult, MeetingStatus } from './enums';
import { type CountryCode, type NormalizedPhone, normalizePhone } from './phone';

/** What a contact form or an import row gives; undefined means "not given" (an update keeps the stored value). */
export interface ContactFieldsInput {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  notes?: string | null;
  emails?: string[] | null;
  phones?: string[] | null;
  tags?: string[] | null;
  leadSource?: string | null;
}

export interface ContactFields {
  firstName?: string;
  lastName?: string;
  company?: string | null;
  notes?: string | null;
  emails?: string[];
  phones?: NormalizedPhone[];
  tags?: string[];
  leadSource?: string | null;
}

/** One thing wrong with one field, in words an agent understands; `index` is the entry of a list field. */
export interface FieldProblem {
  field: keyof ContactFieldsInput;
  index?: number;
  message: string;
}

export const CONTACT_LIMITS = { name: 100, company: 200, notes: 10_000, emails: 10, phones: 10, tags: 20, tag: 40, leadSource: 100 } as const;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const MAX_EMAIL_LENGTH = 254;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Countries English names with "the" ("for the United States"). */
const NAMED_WITH_THE = new Set(['US', 'GB', 'AE', 'NL', 'PH', 'BS', 'DO', 'CF', 'GM', 'MV', 'SC', 'KM', 'VA']);

/** A region as a sentence names it: "the United States", "Canada". */
export function regionName(region: CountryCode): string {
  const name = regionNames.of(region) ?? region;
  return NAMED_WITH_THE.has(region) ? `the ${name}` : name;
}

/** An email address in the form we store it (trimmed, lower case), or null when it is not one. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return EMAIL_PATTERN.test(email) && email.length <= MAX_EMAIL_LENGTH ? email : null;
}

/** A phone number a contact can have: a full number in the region's plan or international (a bare extension is a colleague, not a contact). */
export function readContactPhone(raw: string, region: CountryCode): NormalizedPhone | null {
  const phone = normalizePhone(raw, region);
  return phone.kind === 'e164' ? phone : null;
}

export function phoneProblem(raw: string, region: CountryCode): string {
  return `“${raw.trim()}” doesn't look like a phone number for ${regionName(region)}: include the area code, or start with + and the country code`;
}

/**
 * Checks every field given and reports every problem at once (a form shows them all beside their fields), with
 * the cleaned values: text trimmed, blank optional text null, emails lower case, phones read for the
 * organisation's region (extensions kept), tags trimmed and without repeats (first spelling wins), lists deduplicated.
 */
export function checkContactFields(input: ContactFieldsInput, region: CountryCode, options: { creating: boolean }): { fields: ContactFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fields: ContactFields = {};
  const text = (field: 'firstName' | 'lastName' | 'company' | 'notes' | 'leadSource', label: string, max: number): string | null | undefined => {
    const raw = input[field];
    if (raw === undefined) return undefined;
    const value = raw?.trim() ?? '';
    if (value.length > max) problems.push({ field, message: `${label} can be at most ${max.toLocaleString('en-US')} characters` });
    return value || null;
  };

  const firstName = text('firstName', 'First name', CONTACT_LIMITS.name);
  if (firstName === null || (firstName === undefined && options.creating)) problems.push({ field: 'firstName', message: 'Enter a first name' });
  else if (firstName !== undefined) fields.firstName = firstName;
  const lastName = text('lastName', 'Last name', CONTACT_LIMITS.name);
  if (lastName !== undefined) fields.lastName = lastName ?? '';
  const company = text('company', 'Company', CONTACT_LIMITS.company);
  if (company !== undefined) fields.company = company;
  const notes = text('notes', 'Notes', CONTACT_LIMITS.notes);
  if (notes !== undefined) fields.notes = notes;
  const leadSource = text('leadSource', 'Lead source', CONTACT_LIMITS.leadSource);
  if (leadSource !== undefined) fields.leadSource = leadSource;

  if (input.emails !== undefined) {
    const emails = entries(input.emails);
    if (emails.length > CONTACT_LIMITS.emails) problems.push({ field: 'emails', message: `A contact can have at most ${CONTACT_LIMITS.emails} email addresses` });
    const valid: string[] = [];
    for (const { raw, index } of emails) {
      const email = normalizeEmail(raw);
      if (email) valid.push(email);
      else problems.push({ field: 'emails', index, message: `“${raw.trim()}” doesn't look like an email address` });
    }
    fields.emails = [...new Set(valid)];
  }

  if (input.phones !== undefined) {
    const phones = entries(input.phones);
    if (phones.length > CONTACT_LIMITS.phones) problems.push({ field: 'phones', message: `A contact can have at most ${CONTACT_LIMITS.phones} phone numbers` });
    const seen = new Set<string>();
    fields.phones = [];
    for (const { raw, index } of phones) {
      const phone = readContactPhone(raw, region);
      if (!phone) {
        problems.push({ field: 'phones', index, message: phoneProblem(raw, region) });
        continue;
      }
      const key = `${phone.e164};${phone.extension ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fields.phones.push(phone);
    }
  }

  if (input.tags !== undefined) {
    const tags = entries(input.tags);
    if (tags.length > CONTACT_LIMITS.tags) problems.push({ field: 'tags', message: `A contact can have at most ${CONTACT_LIMITS.tags} tags` });
    const byKey = new Map<string, string>();
    for (const { raw, index } of tags) {
      const tag = raw.trim().replace(/\s+/g, ' ');
      if (tag.length > CONTACT_LIMITS.tag) problems.push({ field: 'tags', index, message: `A tag can be at most ${CONTACT_LIMITS.tag} characters (“${tag.slice(0, 20)}…”)` });
      else if (!byKey.has(tag.toLowerCase())) byKey.set(tag.toLowerCase(), tag);
    }
    fields.tags = [...byKey.values()];
  }
  return { fields, problems };
}

/** A list field's non-blank entries, with their position in the list as given (the form's row). */
function entries(values: string[] | null): Array<{ raw: string; index: number }> {
  return (values ?? []).map((raw, index) => ({ raw, index })).filter(({ raw }) => raw.trim() !== '');
}

/** The facts of an activity that decide whether it was a conversation with its contact. */
export interface ContactTouch {
  type: ActivityType;
  direction: ActivityDirection | null;
  result: CallResult | null;
  status: string | null;
  occurredAt: Date;
  attachments: Array<{ kind: string }>;
  /** Set on what came from Zoom; a call without it was logged by hand (logCall), and has no result. */
  zoomRef: string | null;
}

/** The attachment kind of an email that was kept in the outbox (no mail server) rather than sent. */
export const OUTBOX_ATTACHMENT = 'outbox';

/**
 * When the activity was a conversation with its contact (docs/architecture.md, "Contacts"), or null when it was
 * none: a call answered, placed by us or logged by hand (a missed or rejected inbound call is not a conversation; a
 * Zoom call still ringing has no result yet and does not count), a meeting that
 * started or ended, any SMS, an email that was sent (not one kept in the outbox). The time is the activity's own, so it is the same however often the activity is written again; one still in the
 * future does not count yet (a meeting started before its scheduled time counts from its next write after that time,
 * its end usually).
 */
export function contactedAt(activity: ContactTouch, now = new Date()): Date | null {
  const counts =
    activity.type === ActivityType.CALL
      ? activity.direction !== ActivityDirection.INTERNAL &&
        (activity.result === CallResult.ANSWERED || activity.direction === ActivityDirection.OUTBOUND || (activity.result === null && activity.zoomRef === null))
    : activity.type === ActivityType.MEETING ? activity.status === MeetingStatus.STARTED || activity.status === MeetingStatus.ENDED
    : activity.type === ActivityType.EMAIL ? !activity.attachments.some((attachment) => attachment.kind === OUTBOX_ATTACHMENT)
    : activity.type === ActivityType.SMS;
  return counts && activity.occurredAt.getTime() <= now.getTime() ? activity.occurredAt : null;
}

/** The orders of the contacts list: by name (A to Z), last contacted (most recent first, never last), created (newest first). */
export const ContactOrder = { NAME: 'NAME', LAST_CONTACTED: 'LAST_CONTACTED', CREATED: 'CREATED' } as const;
export type ContactOrder = (typeof ContactOrder)[keyof typeof ContactOrder];

/** What deleting a contact does with its timeline. */
export const ContactActivitiesOnDelete = { KEEP: 'KEEP', DELETE: 'DELETE' } as const;
export type ContactActivitiesOnDelete = (typeof ContactActivitiesOnDelete)[keyof typeof ContactActivitiesOnDelete];

/**
 * Deleting a contact but keeping its activities still deletes what was written about or to that person in the
 * CRM (notes, emails): without the contact they would be nowhere. Conversations and meetings stay, on no contact:
 * calls, voicemails, texts and recordings then list in Unmatched, to be linked again.
 */
export const DELETED_WITH_KEPT_CONTACT_ACTIVITIES: readonly ActivityType[] = [ActivityType.NOTE, ActivityType.EMAIL];
