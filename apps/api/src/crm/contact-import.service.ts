import { Injectable } from '@nestjs/common';
import { type ContactFields, checkContactFields, contactDisplayName, parseCsv, readContactSheet } from '@switchboard/crm-domain';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { badInput } from '../platform/graphql/errors';
import { ContactsService } from './contacts.service';
import { type ContactImportReport, type ContactImportRow, ContactImportStatus } from './dto/contact-import.model';
import { ContactPhone } from './entities/contact-phone.entity';
import { Contact } from './entities/contact.entity';

export const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** Contacts inserted per statement. */
const INSERT_CHUNK = 500;

/** The first of the row's emails, then phones, that has a holder (a contact, an earlier line), and that holder. */
function firstHeld<T>(emails: string[], phones: string[], emailHolder: (email: string) => T | undefined, phoneHolder: (phone: string) => T | undefined): { what: 'email' | 'phone'; holder: T } | null {
  for (const email of emails) {
    const holder = emailHolder(email);
    if (holder !== undefined) return { what: 'email', holder };
  }
  for (const phone of phones) {
    const holder = phoneHolder(phone);
    if (holder !== undefined) return { what: 'phone', holder };
  }
  return null;
}

interface PlannedRow {
  report: ContactImportRow;
  fields: ContactFields;
  stage: Parameters<ContactsService['newContact']>[2];
}

/**
 * CSV import of contacts: every row checked like the contact form checks it, and against the organisation's
 * contacts and the rows above it (same email, any letter case, or same E.164 number: reported as a duplicate,
 * never created nor merged). A dry run answers what would happen; a real run creates the rows that pass, all in
 * one transaction.
 */
@Injectable()
export class ContactImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
  ) {}

  async importCsv(principal: Principal, csv: string, dryRun: boolean): Promise<ContactImportReport> {
    if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) throw badInput('That file is larger than 2 MB: split it into smaller files and import them one by one', 'csv');
    const sheet = this.readSheet(csv);
    if (sheet.rows.length === 0) throw badInput('That file has no contacts under its header line', 'csv');
    if (sheet.rows.length > MAX_IMPORT_ROWS) {
      throw badInput(`That file has ${sheet.rows.length.toLocaleString('en-US')} contacts: import at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} at a time`, 'csv');
    }
    const region = await this.contacts.regionOf(principal.organisationId);
    const checked = sheet.rows.map((row) => {
      const { fields, problems } = checkContactFields(row.input, region, { creating: true });
      const name = contactDisplayName(fields.firstName ?? row.input.firstName?.trim() ?? '', fields.lastName ?? '') || `Line ${row.line}`;
      return { row, fields, errors: [...problems.map((problem) => problem.message), ...row.problems], name };
    });
    const valid = checked.filter((item) => item.errors.length === 0);
    const holders = await this.contacts.idsHolding(
      principal.organisationId,
      valid.flatMap((item) => item.fields.emails ?? []),
      valid.flatMap((item) => (item.fields.phones ?? []).map((phone) => phone.e164 as string)),
    );
    const holderIds = [...new Set([...holders.byEmail.values(), ...holders.byPhone.values()].flat())];
    const holderNames = new Map((await this.contacts.findMany(principal.organisationId, holderIds)).map((contact) => [contact.id, contactDisplayName(contact.firstName, contact.lastName)]));
    const earlierEmails = new Map<string, number>();
    const earlierPhones = new Map<string, number>();

    const planned: PlannedRow[] = checked.map(({ row, fields, errors, name }) => {
      const report: ContactImportRow = { line: row.line, name, status: ContactImportStatus.INVALID, contactId: null, errors };
      if (errors.length > 0) return { report, fields, stage: row.input.stage };
      const emails = fields.emails ?? [];
      const phones = (fields.phones ?? []).map((phone) => phone.e164 as string);
      const existing = firstHeld(emails, phones, (email) => holders.byEmail.get(email)?.[0], (phone) => holders.byPhone.get(phone)?.[0]);
      if (existing) {
        const errors = [`A contact with this ${existing.what} already exists: ${holderNames.get(existing.holder) ?? 'another contact'}`];
        return { report: { ...report, status: ContactImportStatus.DUPLICATE, contactId: existing.holder, errors }, fields, stage: row.input.stage };
      }
      const earlier = firstHeld(emails, phones, (email) => earlierEmails.get(email), (phone) => earlierPhones.get(phone));
      if (earlier) {
        return { report: { ...report, status: ContactImportStatus.DUPLICATE, errors: [`Same ${earlier.what} as line ${earlier.holder} of this file`] }, fields, stage: row.input.stage };
      }
      for (const email of emails) earlierEmails.set(email, row.line);
      for (const phone of phones) earlierPhones.set(phone, row.line);
      return { report: { ...report, status: ContactImportStatus.WOULD_CREATE }, fields, stage: row.input.stage };
    });

    const toCreate = planned.filter((item) => item.report.status === ContactImportStatus.WOULD_CREATE);
    if (!dryRun && toCreate.length > 0) await this.create(principal, toCreate);
    const rows = planned.map((item) => item.report);
    const created = rows.filter((row) => row.status === ContactImportStatus.CREATED).length;
    return { created, updated: 0, skipped: rows.length - created - (dryRun ? toCreate.length : 0), ignoredColumns: sheet.ignoredHeaders, rows };
  }

  private readSheet(csv: string): ReturnType<typeof readContactSheet> {
    try {
      return readContactSheet(parseCsv(csv));
    } catch (error) {
      throw badInput((error as Error).message, 'csv');
    }
  }

  /** Inserts the rows' contacts and numbers, a chunk per statement, in one transaction; marks each row CREATED. */
  private async create(principal: Principal, rows: PlannedRow[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const chunk = rows.slice(start, start + INSERT_CHUNK);
        const inserted = await manager.insert(Contact, chunk.map((row) => this.contacts.newContact(principal, row.fields, row.stage)));
        const phones = chunk.flatMap((row, index) => this.contacts.phoneRows(principal.organisationId, inserted.identifiers[index].id as string, row.fields));
        if (phones.length > 0) await manager.insert(ContactPhone, phones);
        chunk.forEach((row, index) => {
          row.report.status = ContactImportStatus.CREATED;
          row.report.contactId = inserted.identifiers[index].id as string;
        });
      }
    });
  }
}
