// Timeline page of 50 at 1,000,000 activities (target p95 <= 30 ms, through GraphQL over HTTP) and
// contact-by-phone at 1,000,000 contacts (target p99 <= 1 ms for the indexed lookup the api runs).
// The data is generated inside PostgreSQL with generate_series.
import pg from 'pg';
import { createBenchDatabase, graphql, measureLatency, percentile, requireCompiled, startApi } from './lib/stack.mjs';

const CONTACTS = 1_000_000;
const ACTIVITIES = 1_000_000;
const TIMELINE_CONTACT_ACTIVITIES = 5_000;

async function generate(client) {
  const { hashPassword } = requireCompiled('apps/api/src/platform/crypto/secret-hash.js');
  const passwordHash = await hashPassword('bench-password');
  const { rows: [organisation] } = await client.query(`INSERT INTO organisations (name) VALUES ('Bench Realty') RETURNING id`);
  const { rows: [user] } = await client.query(
    `INSERT INTO users (organisation_id, email, name, role, password_hash) VALUES ($1, 'bench@bench.test', 'Bench', 'agent', $2) RETURNING id`,
    [organisation.id, passwordHash],
  );
  await client.query(
    `INSERT INTO contacts (organisation_id, owner_id, first_name, last_name, emails)
     SELECT $1, $2, 'First' || n, 'Last' || n, ARRAY['c' || n || '@bench.test'] FROM generate_series(1, $3) AS n`,
    [organisation.id, user.id, CONTACTS],
  );
  // Numbers +1 (2xx-9xx) 555-xxxx style, unique per contact, stored as typed and in E.164 as the api does.
  await client.query(
    `INSERT INTO contact_phones (contact_id, organisation_id, raw, e164, position)
     SELECT id, organisation_id, '(415) ' || lpad((row_number() OVER ())::text, 7, '0'), '+1415' || lpad((row_number() OVER ())::text, 7, '0'), 0
       FROM contacts`,
  );
  const { rows: [hot] } = await client.query(`SELECT id FROM contacts ORDER BY id LIMIT 1`);
  // Most activities spread over every contact; one busy contact has a long timeline to page through.
  await client.query(
    `WITH spread AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM contacts LIMIT 10000) AS some_contacts)
     INSERT INTO activities (organisation_id, type, occurred_at, contact_id, owner_id, body)
     SELECT $1, (ARRAY['NOTE','CALL','EMAIL','MEETING'])[1 + n % 4], now() - (n || ' minutes')::interval,
            CASE WHEN n <= $4 THEN $3::uuid ELSE spread.ids[1 + n % 10000] END, $2, 'Activity ' || n
       FROM generate_series(1, $5) AS n, spread`,
    [organisation.id, user.id, hot.id, TIMELINE_CONTACT_ACTIVITIES, ACTIVITIES],
  );
  // VACUUM now, so autovacuum does not wake up on three fresh million-row tables in the middle of a measurement.
  await client.query('VACUUM ANALYZE');
  return { organisationId: organisation.id, hotContactId: hot.id };
}

async function phoneLookupLatency(client, organisationId) {
  const samples = [];
  for (let i = 0; i < 11_000; i += 1) {
    const n = 1 + Math.floor(Math.random() * CONTACTS);
    const e164 = `+1415${String(n).padStart(7, '0')}`;
    const started = process.hrtime.bigint();
    await client.query(
      { name: 'contact-by-e164', text: 'SELECT DISTINCT contact_id FROM contact_phones WHERE organisation_id = $1 AND e164 = $2', values: [organisationId, e164] },
    );
    if (i >= 1000) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

export async function run() {
  const database = await createBenchDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const started = Date.now();
  try {
    const { organisationId, hotContactId } = await generate(client);
    const generatedIn = ((Date.now() - started) / 1000).toFixed(0);
    const lookups = await phoneLookupLatency(client, organisationId);

    const api = await startApi({ DATABASE_URL: database.url });
    try {
      const { login } = await graphql(api.url, 'mutation { login(email: "bench@bench.test", password: "bench-password") { token } }');
      const post = (body) => () =>
        fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body }).then(
          async (response) => {
            const result = await response.json();
            if (result.errors) throw new Error(JSON.stringify(result.errors));
          },
        );
      const timelineQuery = JSON.stringify({
        query: 'query($c: ID) { activities(contactId: $c, first: 50) { edges { node { id type occurredAt body } } pageInfo { hasNextPage endCursor } } }',
        variables: { c: hotContactId },
      });
      const timeline = await measureLatency(post(timelineQuery), { concurrency: 1, requests: 2000 });
      const timelineLoaded = await measureLatency(post(timelineQuery), { concurrency: 4, requests: 2000 });
      const byPhone = await measureLatency(post(JSON.stringify({ query: '{ contactByPhone(number: "(415) 000-1234") { id name } }' })), {
        concurrency: 1,
        requests: 2000,
      });
      return [
        {
          benchmark: 'timeline page of 50 (GraphQL over HTTP, 1M activities)',
          metric: 'p95 latency',
          value: `${timeline.p95.toFixed(1)} ms`,
          target: '<= 30 ms',
          note: `sequential: p50 ${timeline.p50.toFixed(1)} ms; 4 concurrent: p95 ${timelineLoaded.p95.toFixed(1)} ms at ${timelineLoaded.perSecond} req/s; data generated in ${generatedIn} s`,
        },
        {
          benchmark: 'contact-by-phone lookup (the SQL the api runs, 1M contacts)',
          metric: 'p99 latency',
          value: `${percentile(lookups, 99).toFixed(3)} ms`,
          target: '<= 1 ms',
          note: `p50 ${percentile(lookups, 50).toFixed(3)} ms over ${lookups.length} sequential lookups`,
        },
        {
          benchmark: 'contactByPhone (GraphQL over HTTP, 1M contacts)',
          metric: 'p99 latency',
          value: `${byPhone.p99.toFixed(1)} ms`,
          target: 'context',
          note: `sequential: p50 ${byPhone.p50.toFixed(1)} ms, ${byPhone.perSecond} req/s`,
        },
      ];
    } finally {
      await api.stop();
    }
  } finally {
    await client.end();
    await database.drop();
  }
}
