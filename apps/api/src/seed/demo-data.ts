import type { ContactStage, DealStage } from '@switchboard/crm-domain';

/** The demo organisation and logins of DESIGN.md §3; the simulator's Zoom users share these emails. */
export const DEMO_ORGANISATION = { name: 'Demo Realty', defaultRegion: 'US' };
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS = [
  { email: 'agent@demo.test', name: 'Alex Agent', role: 'agent' as const },
  { email: 'admin@demo.test', name: 'Dana Admin', role: 'admin' as const },
  { email: 'agent2@demo.test', name: 'Sam Second', role: 'agent' as const },
];

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sophia', 'Lucas', 'Isabella', 'Ethan',
  'Mia', 'Aiden', 'Amelia', 'Jackson', 'Harper', 'Levi', 'Evelyn', 'Sebastian', 'Abigail', 'Mason',
  'Priya', 'Wei', 'Fatima', 'Diego', 'Hana', 'Kwame', 'Ingrid', 'Rafael', 'Aisha', 'Tomasz',
];
const LAST_NAMES = [
  'Nguyen', 'Garcia', 'Johnson', 'Patel', 'Kim', 'Rodriguez', 'Chen', 'Okafor', 'Schmidt', 'Rossi',
  'Williams', 'Brown', 'Martinez', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Wright', 'Scott', 'Green',
];
const COMPANIES = ['Bayview Holdings', 'Sunset Properties', null, 'Golden Gate Ventures', null, 'Mission Bay LLC', null];
const STAGES: ContactStage[] = ['lead', 'lead', 'client', 'past_client', 'client'];
const STREETS = ['Maple Ave', 'Ocean Blvd', 'Hillcrest Dr', 'Market St', 'Lakeview Rd', 'Cedar Ln'];

/** Phone numbers in the mixed formats agents really type (fictional 555-01xx and Ofcom drama ranges). */
function phoneFor(index: number): string {
  const line = String(100 + index).slice(-2).padStart(2, '0');
  switch (index % 6) {
    case 0:
      return `(415) 555-01${line}`;
    case 1:
      return `415.555.01${line}`;
    case 2:
      return `+1 628 555 01${line}`;
    case 3:
      return `1-510-555-01${line}`;
    case 4:
      return `+44 20 7946 0${String(100 + index).slice(-3)}`;
    default:
      return `650-555-01${line} x${10 + index}`;
  }
}

export interface DemoContact {
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  stage: ContactStage;
  company: string | null;
}

export function demoContacts(count = 50): DemoContact[] {
  return Array.from({ length: count }, (_, index) => {
    const firstName = FIRST_NAMES[index % FIRST_NAMES.length];
    // The offset changes with each round of first names, so no two demo contacts share a full name.
    const lastName = LAST_NAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length];
    const handle = `${firstName}.${lastName}`.toLowerCase();
    return {
      firstName,
      lastName,
      emails: index % 9 === 8 ? [] : [`${handle}@example.com`, ...(index % 5 === 0 ? [`${handle}@work.example.org`] : [])],
      phones: [phoneFor(index), ...(index % 4 === 0 ? [phoneFor(index + 17)] : [])],
      stage: STAGES[index % STAGES.length],
      company: COMPANIES[index % COMPANIES.length],
    };
  });
}

export function demoDeals(): Array<{ contactIndex: number; title: string; stage: DealStage; propertyAddress: string; value: number }> {
  const stages: DealStage[] = ['prospect', 'active', 'under_contract', 'closed_won', 'active', 'prospect'];
  return stages.map((stage, index) => ({
    contactIndex: index * 3,
    title: `${index % 2 === 0 ? 'Sale' : 'Purchase'}: ${120 + index * 17} ${STREETS[index]}`,
    stage,
    propertyAddress: `${120 + index * 17} ${STREETS[index]}, San Francisco, CA`,
    value: 650_000 + index * 85_000,
  }));
}
