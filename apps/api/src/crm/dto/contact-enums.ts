import { registerEnumType } from '@nestjs/graphql';
import { ContactActivitiesOnDelete, ContactOrder } from '@switchboard/crm-domain';

registerEnumType(ContactOrder, { name: 'ContactOrder', description: 'NAME: A to Z; LAST_CONTACTED: most recent first, never contacted last; CREATED: newest first' });
registerEnumType(ContactActivitiesOnDelete, {
  name: 'ContactActivitiesOnDelete',
  description: 'KEEP: calls, voicemails, texts, recordings and meetings stay on no contact (calls and texts list in Unmatched), notes and emails are deleted; DELETE: every activity is deleted',
});

export { ContactActivitiesOnDelete, ContactOrder };
