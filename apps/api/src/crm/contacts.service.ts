import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CountryCode,
  ContactStage,
  contactDisplayName,
  isValidRegion,
  looksLikePhoneQuery,
  normalizePhone,
  phoneLookupKeys,
} from '@switchboard/crm-domain';
import { Brackets, DataSource, In, Repository } from 'typeorm';
import { AuthService, type Principal } from '../auth';
import { badInput, notFound } from '../platform/graphql/errors';
import { type Connection, decodeCursor, encodeCursor, readPageSize, toConnection } from '../platform/graphql/pagination';
import { cleanText, isUuid, normaliseEmail } from '../platform/graphql/validation';
import type { ContactInput } from './dto/contact.input';
import { ContactPhone } from './entities/contact-phone.entity';
import { Contact } from './entities/contact.entity';

const MAX_PHONES = 10;
const MAX_EMAILS = 10;

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

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    @InjectRepository(ContactPhone) private readonly phones: Repository<ContactPhone>,
    private readonly auth: AuthService,
  ) {}

  async regionOf(organisationId: string): Promise<CountryCode> {
    const region = (await this.auth.getOrganisation(organisationId))?.defaultRegion ?? 'US';
    return isValidRegion(region) ? region : 'US';
  }

  /** Lets a module that depends on contacts (activity) make its own text findable from contact search. */
  registerSearchSource(source: ContactSearchSource): void {
    this.searchSources.push(source);
  }

  async list(principal: Principal, args: { search?: string | null; first?: number | null; after?: string | null }): Promise<Connection<Contact>> {
    const limit = readPageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const query = this.contacts.createQueryBuilder('c').where('c.organisation_id = :organisationId', { organisationId: principal.organisationId });
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
    if (cursor) query.andWhere('(c.sort_name, c.id) > (:cursorName, :cursorId)', { cursorName: cursor[0], cursorId: cursor[1] });
    const rows = await query.orderBy('c.sort_name', 'ASC').addOrderBy('c.id', 'ASC').limit(limit + 1).getMany();
    await this.attachPhones(rows);
    return toConnection(rows, limit, (contact) => encodeCursor([contact.sortName, contact.id]), () => totalQuery.getCount());
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
    if (normalizePhone(raw, region).kind === 'invalid') throw badInput(`"${raw}" is not a phone number`, 'number');
    const contacts = await this.findMany(principal.organisationId, await this.findIdsByPhone(principal.organisationId, raw));
    return contacts.sort((a, b) => a.sortName.localeCompare(b.sortName));
  }

  private async phoneRows(organisationId: string, rawPhones: string[]): Promise<Array<Partial<ContactPhone>>> {
    if (rawPhones.length > MAX_PHONES) throw badInput(`At most ${MAX_PHONES} phone numbers`, 'phones');
    const region = await this.regionOf(organisationId);
    const seen = new Set<string>();
    const rows: Array<Partial<ContactPhone>> = [];
    for (const input of rawPhones) {
      const raw = input.trim();
      if (!raw) continue;
      const phone = normalizePhone(raw, region);
      if (phone.kind === 'invalid') throw badInput(`"${raw}" is not a phone number we can read`, 'phones');
      const key = phone.e164 ? `${phone.e164};${phone.extension ?? ''}` : `ext:${phone.extension}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ organisationId, raw: phone.raw, e164: phone.e164, extension: phone.extension, position: rows.length });
    }
    return rows;
  }

  private cleanEmails(emails: string[]): string[] {
    if (emails.length > MAX_EMAILS) throw badInput(`At most ${MAX_EMAILS} email addresses`, 'emails');
    return [...new Set(emails.filter((email) => email.trim()).map((email) => normaliseEmail(email)))];
  }

  async create(principal: Principal, input: ContactInput): Promise<Contact> {
    const firstName = cleanText(input.firstName, 'firstName', { required: true, max: 100 }) as string;
    const phones = await this.phoneRows(principal.organisationId, input.phones ?? []);
    const contact = this.contacts.create({
      organisationId: principal.organisationId,
      ownerId: principal.userId,
      firstName,
      lastName: cleanText(input.lastName, 'lastName', { max: 100 }) ?? '',
      emails: this.cleanEmails(input.emails ?? []),
      stage: input.stage ?? ContactStage.LEAD,
      company: cleanText(input.company, 'company', { max: 200 }),
      notes: cleanText(input.notes, 'notes', { max: 10_000 }),
      phones: phones.map((phone) => this.phones.create(phone)),
    });
    const saved = await this.contacts.save(contact);
    return this.getOrThrow(principal, saved.id);
  }

  async update(principal: Principal, id: string, input: ContactInput): Promise<Contact> {
    const contact = await this.getOrThrow(principal, id);
    const changes: Partial<Contact> = {};
    if (input.firstName !== undefined) changes.firstName = cleanText(input.firstName, 'firstName', { required: true, max: 100 }) as string;
    if (input.lastName !== undefined) changes.lastName = cleanText(input.lastName, 'lastName', { max: 100 }) ?? '';
    if (input.emails !== undefined) changes.emails = this.cleanEmails(input.emails ?? []);
    if (input.stage !== undefined && input.stage !== null) changes.stage = input.stage;
    if (input.company !== undefined) changes.company = cleanText(input.company, 'company', { max: 200 });
    if (input.notes !== undefined) changes.notes = cleanText(input.notes, 'notes', { max: 10_000 });
    const phones = input.phones === undefined ? undefined : await this.phoneRows(principal.organisationId, input.phones ?? []);
    await this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0) await manager.update(Contact, { id: contact.id }, changes);
      if (phones) {
        await manager.delete(ContactPhone, { contactId: contact.id });
        if (phones.length > 0) await manager.insert(ContactPhone, phones.map((phone) => ({ ...phone, contactId: contact.id })));
      }
    });
    return this.getOrThrow(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<boolean> {
    await this.getOrThrow(principal, id);
    await this.contacts.delete({ id, organisationId: principal.organisationId });
    return true;
  }
}
