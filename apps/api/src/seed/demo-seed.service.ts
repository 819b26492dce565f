import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity';
import { AuthService, type Principal } from '../auth';
import { ContactsService, DealsService } from '../crm';
import { DEMO_ORGANISATION, DEMO_PASSWORD, DEMO_USERS, demoContacts, demoDeals } from './demo-data';

/** Seeds the demo through the same services the API uses, so demo data obeys the same rules. Idempotent. */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly auth: AuthService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly activities: ActivityService,
  ) {}

  async seed(): Promise<{ created: boolean; contacts: number }> {
    const organisation = await this.auth.ensureOrganisation(DEMO_ORGANISATION.name, DEMO_ORGANISATION.defaultRegion);
    const users = [];
    for (const user of DEMO_USERS) users.push(await this.auth.ensureUser(organisation.id, { ...user, password: DEMO_PASSWORD }));
    const agent: Principal = {
      userId: users[0].id,
      organisationId: organisation.id,
      email: users[0].email,
      role: users[0].role,
      credential: { kind: 'session', id: 'seed' },
    };
    const existing = await this.contacts.list(agent, { first: 1 });
    if (existing.edges.length > 0) return { created: false, contacts: await existing.totalCount };

    const created = [];
    for (const contact of demoContacts()) created.push(await this.contacts.create(agent, contact));
    for (const deal of demoDeals()) {
      await this.deals.create(agent, { ...deal, contactId: created[deal.contactIndex].id });
    }
    for (const [index, contact] of created.slice(0, 10).entries()) {
      await this.activities.addNote(agent, contact.id, index % 2 === 0 ? 'Met at the open house; wants a 3-bed with a yard.' : 'Asked for comps in the neighbourhood before listing.');
    }
    return { created: true, contacts: created.length };
  }
}
