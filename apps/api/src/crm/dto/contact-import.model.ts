import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const ContactImportStatus = { CREATED: 'CREATED', WOULD_CREATE: 'WOULD_CREATE', DUPLICATE: 'DUPLICATE', INVALID: 'INVALID' } as const;
export type ContactImportStatus = (typeof ContactImportStatus)[keyof typeof ContactImportStatus];
registerEnumType(ContactImportStatus, { name: 'ContactImportStatus', description: 'WOULD_CREATE: a dry run found nothing against creating it' });

@ObjectType()
export class ContactImportRow {
  @Field(() => Int, { description: 'The line of the file the row starts on (the header is line 1)' })
  line: number;

  @Field(() => ContactImportStatus)
  status: ContactImportStatus;

  @Field(() => String, { description: 'The name as the row gives it' })
  name: string;

  @Field(() => ID, { nullable: true, description: 'CREATED: the new contact; DUPLICATE of an existing contact: that contact' })
  contactId: string | null;

  @Field(() => [String], { description: 'Why the row was not (or would not be) created, in words' })
  errors: string[];
}

@ObjectType()
export class ContactImportReport {
  @Field(() => Int, { description: 'Contacts created (0 in a dry run)' })
  created: number;

  @Field(() => Int, { description: 'Contacts changed: always 0, an import never merges into an existing contact (its duplicates are reported)' })
  updated: number;

  @Field(() => Int, { description: 'Rows not created: duplicates and invalid rows' })
  skipped: number;

  @Field(() => [String], { description: 'Header names that match no contact field, so their columns were not read' })
  ignoredColumns: string[];

  @Field(() => [ContactImportRow])
  rows: ContactImportRow[];
}
