import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ContactActivitiesOnDelete,
  type ContactFields,
  type ContactFieldsInput,
  ContactOrder,
  type ContactTouch,
  type CountryCode,
  ContactStage,
  checkContactFields,
  contactDisplayName,
  contactedAt,
  isValidRegion,
  looksLikePhoneQuery,
  normalizePhone,
  phoneLookupKeys,
  phoneProblem,
} from '@switchboard/crm-domain';
import { Brackets, DataSource, In, Repository } from 'typeorm';
import { AuthService, type Principal } from '../auth';
import { badInput, notFound } from '../platform/graphql/errors';
import { type Connection, decodeCursor, encodeCursor, invalidCursor, readPageSize, toConnection } from '../platform/graphql/pagination';
import { cleanText, isUuid } from '../platform/graphql/validation';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { CONTACT_DELETED, type ContactDeletedMessage } from './contact-events';
import { invalidFields } from './field-problems';
import type { ContactInput } from './dto/contact.input';
import { ContactPhone } from './entities/contact-phone.entity';
import { Contact } from './entities/contact.entity';

/** How each list order sorts and pages: the key expression (then id), its direction, and the key of a row as the cursor holds it. */
const ORDERS: Record<ContactOrder, { key: string; direction: 'ASC' | 'DESC'; keyOf: (contact: Contact) => string }> = {
  [ContactOrder.NAME]: { key: 'c.sort_name', direction: 'ASC', keyOf: (contact) => contact.sortName },
  // Never contacted sorts last: '-infinity' is older than every time (the index is on the same expression).
  [ContactOrder.LAST_CONTACTED]: { key: `coalesce(c.last_contacted_at, '-infinity')`, direction: 'DESC', keyOf: (contact) => contact.lastContactedAt?.toISOString() ?? '-infinity' },
  [ContactOrder.CREATED]: { key: 'c.created_at', direction: 'DESC', keyOf: (contact) => contact.createdAt.toISOString() },
};

export interface ContactListArgs {
  search?: string | null;
  stages?: ContactStage[] | null;
  ownerId?: string | null;
  tag?: string | null;
  orderBy?: ContactOrder | null;
  first?: number | null;
  after?: string | null;
}

/** Runs before a contact row is deleted: a module that keeps rows on contacts (the timeline) deals with its own. */
export type ContactRemovalStep = (organisationId: string, contactId: string, activities: ContactActivitiesOnDelete) => Promise<void>;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Contact ids whose records elsewhere (voicemail transcripts, say) contain the search; `pattern` is a LIKE pattern, lower case. */
/** A call's other end: the number as the timeline shows it, the contact it is (if one), and that contact's name. */
export interface ResolvedCounterpart {
  number: string | null;
  contactId: string | null;
  contactName: string | null;
}

export type ContactSearchSource = (organisationId: string, pattern: string) => Promise<string[]>;

@Injectable()
export class ContactsService {
  private readonly searchSources: ContactSearchSource[] = [];
  private readonly removalSteps: ContactRemovalStep[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    @InjectRepository(ContactPhone) private readonly phones: Repository<ContactPhone>,
    private readonly auth: AuthService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  async regionOf(organisationId: string): Promise<CountryCode> {
    const region = (await this.auth.getOrganisation(organisationId))?.defaultRegion ?? 'US';
    return isValidRegion(region) ? region : 'US';
  }

  /** Lets a module that depends on contacts (activity) make its own text findable from contact search. */
  registerSearchSource(source: ContactSearchSource): void {
    this.searchSources.push(source);
  }

  /** Lets a module that keeps rows on contacts (activity) act before one is deleted: see remove(). */
  onContactRemoval(step: ContactRemovalStep): void {
    this.removalSteps.push(step);
  }

  async list(principal: Principal, args: ContactListArgs): Promise<Connection<Contact>> {
    const limit = readPageSize(args.first);
    const orderBy = args.orderBy ?? ContactOrder.NAME;
    const order = ORDERS[orderBy];
    const cursor = decodeCursor(args.after, 3);
    if (cursor && cursor[0] !== orderBy) throw badInput('after is a cursor of another order: start again from the first page', 'after');
    if (cursor && order.key !== ORDERS.NAME.key && cursor[1] !== '-infinity' && Number.isNaN(Date.parse(cursor[1]))) throw invalidCursor();
    if (cursor && !isUuid(cursor[2])) throw invalidCursor();
    const query = this.contacts.createQueryBuilder('c').where('c.organisation_id = :organisationId', { organisationId: principal.organisationId });
    if (args.stages?.length) query.andWhere('c.stage IN (:...stages)', { stages: args.stages });
    if (args.ownerId) {
      if (!isUuid(args.ownerId)) throw badInput('ownerId is not the id of a person in this organisation', 'ownerId');
      query.andWhere('c.owner_id = :ownerId', { ownerId: args.ownerId });
    }
    const tag = cleanText(args.tag, 'tag', { max: 100 });
    if (tag) query.andWhere('EXISTS (SELECT 1 FROM unnest(c.tags) AS tag WHERE lower(tag) = :tag)', { tag: tag.toLowerCase() });
    const search = args.search?.trim();
    if (search) {
      if (search.length > 200) throw badInput('search must be at most 200 characters', 'search');
      const pattern = `%${escapeLike(search.toLowerCase())}%`;
      const digits = search.replace(/\D/g, '');
      const phoneKeys = looksLikePhoneQuery(search) ? phoneLookupKeys(search, await this.regionOf(principal.organisationId)) : [];
      const foundElsewhere = (await Promise.all(this.searchSources.map((source) => source(principal.organisationId, pattern)))).flat();
      query.andWhere(
        new Brackets((match) => {
          match
            .where('c.sort_name LIKE :pattern')
            .orWhere('lower(c.last_name || \' \' || c.first_name) LIKE :pattern')
            .orWhere('lower(c.company) LIKE :pattern')
            .orWhere('EXISTS (SELECT 1 FROM unnest(c.emails) AS email WHERE email LIKE :pattern)');
          if (foundElsewhere.length > 0) match.orWhere('c.id IN (:...foundElsewhere)');
          if (phoneKeys.length > 0 || digits.length >= 3) {
            match.orWhere(
              `EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id
                 AND (p.e164 = ANY(:phoneKeys) OR p.extension = ANY(:phoneKeys) OR p.e164 LIKE :digitPattern))`,
            );
          }
        }),
        { pattern, phoneKeys, digitPattern: digits.length >= 3 ? `%${digits}%` : '', foundElsewhere },
      );
    }
    const totalQuery = query.clone();
    const after = order.direction === 'ASC' ? '>' : '<';
    if (cursor) query.andWhere(`(${order.key}, c.id) ${after} (:cursorKey, :cursorId)`, { cursorKey: cursor[1], cursorId: cursor[2] });
    const rows = await query.orderBy(order.key, order.direction).addOrderBy('c.id', order.direction).limit(limit + 1).getMany();
    await this.attachPhones(rows);
    return toConnection(rows, limit, (contact) => encodeCursor([orderBy, order.keyOf(contact), contact.id]), () => totalQuery.getCount());
  }

  private async attachPhones(contacts: Contact[]): Promise<void> {
    if (contacts.length === 0) return;
    const phones = await this.phones.find({ where: { contactId: In(contacts.map((contact) => contact.id)) }, order: { position: 'ASC' } });
    for (const contact of contacts) contact.phones = phones.filter((phone) => phone.contactId === contact.id);
  }

  /** The caller's organisation only: another organisation's id reads as not found. */
  async findMany(organisationId: string, ids: string[]): Promise<Contact[]> {
    const validIds = ids.filter(isUuid);
    if (validIds.length === 0) return [];
    const rows = await this.contacts.findBy({ organisationId, id: In(validIds) });
    await this.attachPhones(rows);
    return rows;
  }

  async get(principal: Principal, id: string): Promise<Contact | null> {
    return (await this.findMany(principal.organisationId, [id]))[0] ?? null;
  }

  async getOrThrow(principal: Principal, id: string): Promise<Contact> {
    const contact = await this.get(principal, id);
    if (!contact) throw notFound('Contact');
    return contact;
  }

  /** Cheaper than getOrThrow when only existence in the caller's organisation matters (timeline filters). */
  async assertExists(principal: Principal, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.contacts.existsBy({ id, organisationId: principal.organisationId }))) throw notFound('Contact');
  }

  /** The contact of each address some contact has (any letter case), for the addresses that have one; the oldest contact wins a shared address. */
  async findIdsByEmails(organisationId: string, emails: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
    if (wanted.length === 0) return new Map();
    const rows: Array<{ id: string; email: string }> = await this.contacts.query(
      `SELECT DISTINCT ON (lower(address)) id, lower(address) AS email
         FROM contacts, unnest(emails) AS address
        WHERE organisation_id = $1 AND lower(address) = ANY($2)
        ORDER BY lower(address), created_at, id`,
      [organisationId, wanted],
    );
    return new Map(rows.map((row) => [row.email, row.id]));
  }

  /** Every contact of the organisation having this number, whatever format it arrives in (`region`: if known). */
  async findIdsByPhone(organisationId: string, number: string, region?: CountryCode): Promise<string[]> {
    const keys = phoneLookupKeys(number, region ?? (await this.regionOf(organisationId)));
    if (keys.length === 0) return [];
    // E.164 keys start with "+", extension keys never do: each side is one index lookup.
    const rows: Array<{ contact_id: string }> = await this.dataSource.query(
      keys[0].startsWith('+')
        ? 'SELECT DISTINCT contact_id FROM contact_phones WHERE organisation_id = $1 AND e164 = $2'
        : 'SELECT DISTINCT contact_id FROM contact_phones WHERE organisation_id = $1 AND e164 IS NULL AND extension = $2',
      [organisationId, keys[0]],
    );
    return rows.map((row) => row.contact_id);
  }

  /** A call's other end as the timeline shows it (E.164 when it parses, else as Zoom wrote it), its contact and the contact's name. */
  async resolveCounterpart(organisationId: string, raw: string | null | undefined): Promise<ResolvedCounterpart> {
    return (await this.resolveCounterparts(organisationId, [raw ?? null]))[0];
  }

  /**
   * The same for many numbers at once (a backfill's page): one lookup for all of them, then the remembered
   * "Which contact?" answers for the numbers several contacts share. Results are in the order given.
   */
  async resolveCounterparts(organisationId: string, raws: Array<string | null>): Promise<ResolvedCounterpart[]> {
    const region = await this.regionOf(organisationId);
    const keys = raws.map((raw) => (raw ? (phoneLookupKeys(raw, region)[0] ?? null) : null));
    const wanted = [...new Set(keys.filter((key): key is string => key !== null))];
    const holders = new Map<string, string[]>();
    if (wanted.length > 0) {
      const rows: Array<{ key: string; contact_ids: string[] }> = await this.dataSource.query(
        `SELECT coalesce(e164, extension) AS key, array_agg(DISTINCT contact_id) AS contact_ids FROM contact_phones
          WHERE organisation_id = $1 AND (e164 = ANY($2) OR (e164 IS NULL AND extension = ANY($2)))
          GROUP BY coalesce(e164, extension)`,
        [organisationId, wanted],
      );
      for (const row of rows) holders.set(row.key, row.contact_ids);
    }
    const shared = [...holders].filter(([, ids]) => ids.length > 1).map(([key]) => key);
    const chosen = new Map<string, string>();
    if (shared.length > 0) {
      const rows: Array<{ e164: string; contact_id: string }> = await this.dataSource.query(
        'SELECT e164, contact_id FROM phone_number_choices WHERE organisation_id = $1 AND e164 = ANY($2)',
        [organisationId, shared],
      );
      for (const row of rows) if (holders.get(row.e164)?.includes(row.contact_id)) chosen.set(row.e164, row.contact_id);
    }
    const contactIds = raws.map((_, index) => {
      const key = keys[index];
      const ids = key ? (holders.get(key) ?? []) : [];
      return ids.length === 1 ? ids[0] : key ? (chosen.get(key) ?? null) : null;
    });
    const names = await this.namesOf(organisationId, contactIds);
    return raws.map((raw, index) => ({
      number: raw ? (normalizePhone(raw, region).e164 ?? raw) : null,
      contactId: contactIds[index],
      contactName: names.get(contactIds[index] ?? '') ?? null,
    }));
  }

  /** Contacts' names as the app shows them, by id: one query for a whole page of calls. */
  private async namesOf(organisationId: string, ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null && isUuid(id)))];
    if (wanted.length === 0) return new Map();
    const rows = await this.contacts.find({ select: { id: true, firstName: true, lastName: true }, where: { organisationId, id: In(wanted) } });
    return new Map(rows.map((row) => [row.id, contactDisplayName(row.firstName, row.lastName)]));
  }

  /**
   * A user put a call from `number` on this contact: the contact gets the number if it lacked it, so the next call
   * matches by itself, and when other contacts share the number the choice is remembered ("Which contact?" once).
   */
  async adoptNumber(principal: Principal, contactId: string, number: string): Promise<void> {
    const region = await this.regionOf(principal.organisationId);
    const phone = normalizePhone(number, region);
    if (phone.kind === 'invalid') return;
    const holders = await this.findIdsByPhone(principal.organisationId, number, region);
    if (!holders.includes(contactId)) {
      const [{ next }] = await this.dataSource.query('SELECT coalesce(max(position) + 1, 0) AS next FROM contact_phones WHERE contact_id = $1', [contactId]);
      await this.phones.insert({ organisationId: principal.organisationId, contactId, raw: phone.raw, e164: phone.e164, extension: phone.extension, position: next });
    }
    if (phone.e164 && holders.some((holder) => holder !== contactId)) {
      await this.dataSource.query(
        `INSERT INTO phone_number_choices (organisation_id, e164, contact_id, chosen_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organisation_id, e164) DO UPDATE SET contact_id = EXCLUDED.contact_id, chosen_by = EXCLUDED.chosen_by, chosen_at = now()`,
        [principal.organisationId, phone.e164, contactId, principal.userId],
      );
    }
  }

  async byPhone(principal: Principal, number: string): Promise<Contact[]> {
    const raw = cleanText(number, 'number', { required: true, max: 64 }) as string;
    const region = await this.regionOf(principal.organisationId);
    if (normalizePhone(raw, region).kind === 'invalid') throw badInput(phoneProblem(raw, region), 'number');
    const contacts = await this.findMany(principal.organisationId, await this.findIdsByPhone(principal.organisationId, raw));
    return contacts.sort((a, b) => a.sortName.localeCompare(b.sortName));
  }

  /**
   * When a conversation with these contacts happened (contactedAt: answered or outbound calls, started meetings,
   * texts, sent emails): each contact's lastContactedAt moves forward to it, never back. The activity module calls
   * this for every activity it writes.
   */
  async noteContacted(activities: Array<ContactTouch & { organisationId: string; contactId: string | null }>): Promise<void> {
    const latest = new Map<string, { organisationId: string; contactId: string; at: Date }>();
    for (const activity of activities) {
      const at = activity.contactId ? contactedAt(activity) : null;
      if (!at || !activity.contactId) continue;
      const seen = latest.get(activity.contactId);
      if (!seen || seen.at < at) latest.set(activity.contactId, { organisationId: activity.organisationId, contactId: activity.contactId, at });
    }
    if (latest.size === 0) return;
    const touches = [...latest.values()];
    await this.dataSource.query(
      `UPDATE contacts SET last_contacted_at = touched.at
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS touched(organisation_id, contact_id, at)
        WHERE contacts.id = touched.contact_id AND contacts.organisation_id = touched.organisation_id
          AND (contacts.last_contacted_at IS NULL OR contacts.last_contacted_at < touched.at)`,
      [touches.map((touch) => touch.organisationId), touches.map((touch) => touch.contactId), touches.map((touch) => touch.at.toISOString())],
    );
  }

  /**
   * The organisation's contacts having one of these addresses (any letter case) or numbers (same E.164), but
   * `excludeId` (the contact being edited). Every entry is checked first: one that is no address or number is
   * BAD_USER_INPUT naming it, so a form can say so beside the field.
   */
  async duplicates(principal: Principal, args: { emails?: string[] | null; phones?: string[] | null; excludeId?: string | null }): Promise<Contact[]> {
    const region = await this.regionOf(principal.organisationId);
    const { fields, problems } = checkContactFields({ emails: args.emails ?? [], phones: args.phones ?? [] }, region, { creating: false });
    if (problems.length > 0) throw invalidFields(problems);
    const ids = await this.idsHolding(principal.organisationId, fields.emails ?? [], (fields.phones ?? []).map((phone) => phone.e164 as string));
    const found = await this.findMany(principal.organisationId, [...new Set([...ids.byEmail.values(), ...ids.byPhone.values()].flat())].filter((id) => id !== args.excludeId));
    return found.sort((a, b) => a.sortName.localeCompare(b.sortName));
  }

  /** Which contacts hold each address (lower case) and each E.164 number: one query each. */
  async idsHolding(organisationId: string, emails: string[], e164s: string[]): Promise<{ byEmail: Map<string, string[]>; byPhone: Map<string, string[]> }> {
    const byEmail = new Map<string, string[]>();
    const byPhone = new Map<string, string[]>();
    if (emails.length > 0) {
      const rows: Array<{ id: string; email: string }> = await this.dataSource.query(
        `SELECT DISTINCT id, lower(address) AS email FROM contacts, unnest(emails) AS address WHERE organisation_id = $1 AND lower(address) = ANY($2)`,
        [organisationId, emails],
      );
      for (const row of rows) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row.id]);
    }
    if (e164s.length > 0) {
      const rows: Array<{ contact_id: string; e164: string }> = await this.dataSource.query(
        'SELECT DISTINCT contact_id, e164 FROM contact_phones WHERE organisation_id = $1 AND e164 = ANY($2)',
        [organisationId, e164s],
      );
      for (const row of rows) byPhone.set(row.e164, [...(byPhone.get(row.e164) ?? []), row.contact_id]);
    }
    return { byEmail, byPhone };
  }

  /** Every field checked at once: all problems in one BAD_USER_INPUT (extensions.fields), the first one's field in extensions.field. */
  async checkInput(organisationId: string, input: ContactFieldsInput, options: { creating: boolean }): Promise<ContactFields> {
    const { fields, problems } = checkContactFields(input, await this.regionOf(organisationId), options);
    if (problems.length > 0) throw invalidFields(problems);
    return fields;
  }

  /** The columns of a new contact of `principal`'s organisation, owned by them, from checked fields. */
  newContact(principal: Principal, fields: ContactFields, stage: ContactStage | null | undefined): Partial<Contact> {
    return {
      organisationId: principal.organisationId,
      ownerId: principal.userId,
      firstName: fields.firstName,
      lastName: fields.lastName ?? '',
      emails: fields.emails ?? [],
      stage: stage ?? ContactStage.LEAD,
      company: fields.company ?? null,
      notes: fields.notes ?? null,
      tags: fields.tags ?? [],
      leadSource: fields.leadSource ?? null,
    };
  }

  phoneRows(organisationId: string, contactId: string, fields: ContactFields): Array<Partial<ContactPhone>> {
    return (fields.phones ?? []).map((phone, position) => ({ organisationId, contactId, raw: phone.raw, e164: phone.e164, extension: phone.extension, position }));
  }

  async create(principal: Principal, input: ContactInput): Promise<Contact> {
    const fields = await this.checkInput(principal.organisationId, input, { creating: true });
    const id = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(Contact, this.newContact(principal, fields, input.stage));
      const contactId = inserted.identifiers[0].id as string;
      const phones = this.phoneRows(principal.organisationId, contactId, fields);
      if (phones.length > 0) await manager.insert(ContactPhone, phones);
      return contactId;
    });
    return this.getOrThrow(principal, id);
  }

  async update(principal: Principal, id: string, input: ContactInput): Promise<Contact> {
    const contact = await this.getOrThrow(principal, id);
    const { phones, ...fields } = await this.checkInput(principal.organisationId, input, { creating: false });
    const changes: Partial<Contact> = { ...fields };
    if (input.stage !== undefined && input.stage !== null) changes.stage = input.stage;
    await this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0) await manager.update(Contact, { id: contact.id }, changes);
      if (phones) {
        await manager.delete(ContactPhone, { contactId: contact.id });
        const rows = this.phoneRows(principal.organisationId, contact.id, { phones });
        if (rows.length > 0) await manager.insert(ContactPhone, rows);
      }
    });
    return this.getOrThrow(principal, id);
  }

  /**
   * Deletes the contact. First every module's removal step runs (the timeline keeps or deletes its activities,
   * as `activities` says, and announces each); then the row goes, and with it its numbers; its deals stay, on no
   * contact (the foreign key). Open pages hear `contactDeleted`. Answers the contact as it was.
   */
  async remove(principal: Principal, id: string, activities: ContactActivitiesOnDelete): Promise<Contact> {
    const contact = await this.getOrThrow(principal, id);
    for (const step of this.removalSteps) await step(principal.organisationId, contact.id, activities);
    const deals: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM deals WHERE organisation_id = $1 AND contact_id = $2', [principal.organisationId, contact.id]);
    await this.contacts.delete({ id: contact.id, organisationId: principal.organisationId });
    await this.liveEvents.publish<ContactDeletedMessage>(CONTACT_DELETED, { organisationId: principal.organisationId, contactId: contact.id, dealIds: deals.map((deal) => deal.id) });
    return contact;
  }
}
