/** Published when a contact is deleted: its page, the lists and the deal board (its deals lost their contact) react. */
export const CONTACT_DELETED = 'contact.deleted';

export interface ContactDeletedMessage {
  organisationId: string;
  contactId: string;
  /** The deals that were the contact's and now have none. */
  dealIds: string[];
}
