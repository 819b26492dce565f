// How hard the chaos suite pushes: the short form runs in npm test (a few minutes on a loaded 2-core machine), the long
// one in npm run bench (its figures are in docs/benchmarks.md). The limits checked are the same in both.
export const PROFILES = {
  short: {
    /** Webhooks a second, each a call of its own, for `loadSeconds` in every scenario. */
    rate: 20,
    loadSeconds: 8,
    /** How long Redis and PostgreSQL stay away, and how long killed processes stay dead. */
    outageSeconds: 3,
    /** Calls in the duplicates scenario: six events each, every one delivered five times. */
    duplicatedCalls: 10,
  },
  long: {
    rate: 40,
    loadSeconds: 20,
    outageSeconds: 6,
    duplicatedCalls: 40,
  },
};
