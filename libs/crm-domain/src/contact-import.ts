import type { ContactFieldsInput } from './contact-fields';
import type { CsvRecord } from './csv';
import { ContactStage } from './enums';

type ImportColumn = 'name' | 'firstName' | 'lastName' | 'emails' | 'phones' | 'stage' | 'tags' | 'leadSource' | 'company' | 'notes';

/** Header spellings people's spreadsheets use, compared without case, spaces or punctuation. */
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  name: ['name', 'fullname', 'contactname', 'contact'],
  firstName: ['firstname', 'first', 'givenname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  emails: ['email', 'emails', 'emailaddress', 'mail', 'workemail', 'homeemail', 'personalemail'],
  phones: ['phone', 'phones', 'phonenumber', 'mobile', 'mobilephone', 'cell', 'cellphone', 'telephone', 'tel', 'workphone', 'homephone'],
  stage: ['stage', 'status', 'lifecyclestage', 'contactstage'],
  tags: ['tags', 'tag', 'labels', 'label'],
  leadSource: ['leadsource', 'source', 'leadorigin', 'referralsource'],
  company: ['company', 'companyname', 'organisation', 'organization', 'business'],
  notes: ['notes', 'note', 'comments', 'description'],
};
const COLUMN_OF_HEADER = new Map(Object.entries(HEADER_ALIASES).flatMap(([column, aliases]) => aliases.map((alias) => [alias, column as ImportColumn])));
/** Several values in one cell: "a@x.test; b@x.test", tags "vip, buyer". */
const LIST_SEPARATOR = /[;|\n]+/;
const TAG_SEPARATOR = /[;|,\n]+/;
const STAGES = new Set<string>(Object.values(ContactStage));

export interface ContactImportRow {
  line: number;
  input: ContactFieldsInput & { stage?: ContactStage };
  /** Problems only the import has (an unknown stage); field problems come from checkContactFields. */
  problems: string[];
}

export interface ContactImportSheet {
  rows: ContactImportRow[];
  /** Headers that name no field we know: shown so a user sees why a column was not imported. */
  ignoredHeaders: string[];
}

export function importColumnOf(header: string): ImportColumn | undefined {
  return COLUMN_OF_HEADER.get(header.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * Reads a contacts spreadsheet by its header row: which column is which by name, whatever the order; several
 * phone or email columns all count; a single "Name" column is split into first and last name.
 * Throws when the header names neither a name nor a first name (nothing could be imported).
 */
export function readContactSheet(records: CsvRecord[]): ContactImportSheet {
  const [header, ...body] = records;
  const columns = (header?.fields ?? []).map(importColumnOf);
  if (!columns.includes('firstName') && !columns.includes('name')) {
    throw new Error('The first line must name the columns, with at least "First name" (or "Name"): for example First name, Last name, Email, Phone');
  }
  const ignoredHeaders = (header?.fields ?? []).filter((_, index) => !columns[index]).map((text) => text.trim()).filter(Boolean);
  const rows = body.map(({ line, fields }) => {
    const cells = new Map<ImportColumn, string[]>();
    fields.forEach((value, index) => {
      const column = columns[index];
      if (column && value.trim()) cells.set(column, [...(cells.get(column) ?? []), value.trim()]);
    });
    const one = (column: ImportColumn) => cells.get(column)?.join(' ');
    const list = (column: ImportColumn, separator: RegExp) => (cells.get(column) ?? []).flatMap((value) => value.split(separator)).map((value) => value.trim()).filter(Boolean);
    const [nameFirst, ...nameRest] = (one('name') ?? '').split(/\s+/).filter(Boolean);
    const input: ContactImportRow['input'] = {
      firstName: one('firstName') ?? nameFirst ?? '',
      lastName: one('lastName') ?? nameRest.join(' '),
      emails: list('emails', LIST_SEPARATOR),
      phones: list('phones', LIST_SEPARATOR),
      tags: list('tags', TAG_SEPARATOR),
      leadSource: one('leadSource') ?? null,
      company: one('company') ?? null,
      notes: cells.get('notes')?.join('\n') ?? null,
    };
    const problems: string[] = [];
    const stage = one('stage');
    if (stage) {
      const value = stage.toLowerCase().replace(/[\s-]+/g, '_');
      if (STAGES.has(value)) input.stage = value as ContactStage;
      else problems.push(`Stage “${stage}” is not one of Lead, Client, Past client`);
    }
    return { line, input, problems };
  });
  return { rows, ignoredHeaders };
}
