// The GraphQL cost attack of issue 16: one request of a thousand aliases of contacts(first: 100) { deals { contact } },
// two at a time and again as soon as answered, logged in as the demo agent. The api must refuse each by its limits
// (400, BAD_USER_INPUT) before spending on it what Zoom's acknowledgements need.
const ALIASES = 1000;
const ATTACK_ALIAS = 'contacts(first: 100) { edges { node { deals { contact { id } } } } }';
const ATTACK_QUERY = `query CostAttack { ${Array.from({ length: ALIASES }, (_, index) => `a${index}: ${ATTACK_ALIAS}`).join(' ')} }`;
const CONCURRENT_REQUESTS = 2;

/** One attack request; what came back, in a word: `refused`, or the status and code that came instead. */
async function attackOnce(target, token) {
  try {
    const response = await fetch(`${target}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ATTACK_QUERY }),
    });
    const body = await response.json().catch(() => ({}));
    const code = body.errors?.[0]?.extensions?.code;
    return response.status === 400 && code === 'BAD_USER_INPUT' ? 'refused' : `${response.status} ${code ?? (body.data ? 'answered' : 'no error code')}`;
  } catch (error) {
    return error.cause?.code ?? error.message;
  }
}

/** Attacks round-robin over `targets` until `until` settles; resolves with how many were sent and how each ended. */
export async function attackUntil(until, { targets, token }) {
  let finished = false;
  const finish = () => (finished = true);
  until.then(finish, finish);
  const outcomes = new Map();
  let sent = 0;
  let slowestMs = 0;
  const lane = async () => {
    while (!finished) {
      const started = Date.now();
      const outcome = await attackOnce(targets[sent++ % targets.length], token);
      slowestMs = Math.max(slowestMs, Date.now() - started);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, lane));
  return { sent, refused: outcomes.get('refused') ?? 0, outcomes, slowestMs };
}
