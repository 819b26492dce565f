import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type GraphQLSchema, parse } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import { SESSION_COOKIE } from '../src/auth';
import { GRAPHQL_LIMITS } from '../src/platform/graphql/limits';
import { startZoomStack, type ZoomStack } from './support/connected-stack';
import { eventually } from './support/eventually';
import { measureOperation } from './support/graphql-workload';
import {
  collectRecords,
  emptyRecords,
  type IdPools,
  introspectSchema,
  OperationGenerator,
  type RecordsSeen,
  schemaCoordinates,
  secretsIn,
  tokenCount,
  typesNamedBy,
  type WalkOperation,
  type WalkValues,
} from './support/schema-walk';
import type { GraphQLResult } from './support/test-api';
import {
  A_PHONE,
  type Caller,
  furnishOrganisationA,
  furnishOrganisationB,
  type OrganisationA,
  type OrganisationB,
  settleWebhooks,
  zoomSyncsFinished,
} from './support/walk-organisations';
import { connectZoom } from './support/zoom-oauth';

const MARKER = `zq${randomBytes(5).toString('hex')}`;

/** Values two organisations may both hold without either leaking: users of one Zoom account share its id. */
const SHARED_FIELDS = new Set(['ZoomConnection.accountId']);

/** What a mutation on another organisation's record may answer; anything else, or data, is a leak. */
const REFUSALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT', 'ZOOM_NOT_CONNECTED']);

/**
 * Mutations walked after all others, in this order, since each takes away what the later ones stand on: deleting
 * B's contact (the contact B's other mutations name), disconnecting B's Zoom (which scheduling and syncing need),
 * logging out (the walker's own session).
 */
const RUN_LAST = ['deleteContact', 'disconnectZoom', 'logout'];

/** Schema coordinates the walk leaves out, each with why. None: every field, argument and input field is walked. */
const NOT_WALKED: Record<string, string> = {};

/** At most this many discovery rounds: each walks the queries again with the IDs the rounds before found. */
const DISCOVERY_ROUNDS = 4;

type Responses = Map<string, GraphQLResult>;

describe('tenant isolation walk: every operation and media URL of the schema, as another organisation (real api, simulator)', () => {
  let stack: ZoomStack;
  let schema: GraphQLSchema;
  let a: OrganisationA;
  let b: OrganisationB;
  let seenByA: RecordsSeen;
  let seenByB: RecordsSeen;
  /** A's IDs, emails, numbers, Zoom identifiers and marker: none may reach B. */
  let secretsOfA: Set<string>;
  /** The coordinates B's operations exercised. */
  const exercised = new Set<string>();

  const valuesForA = (ids: IdPools): WalkValues => ({ own: ids, probes: ids, strings: { search: MARKER, number: A_PHONE.e164, token: a.openInviteToken } });
  const valuesForB = (ids: IdPools): WalkValues => ({ own: ids, probes: ids, strings: { token: b.openInviteToken } });
  /** A's walk of its own records: A's view, and the positive control of every check made of B's. */
  const walkOfA = () => new OperationGenerator(schema, valuesForA(seenByA.ids), 'a');
  /**
   * B's walk: B's own records where an argument is not the probe (B's spare person where a user is named, so B's
   * admin deactivates and re-roles neither walker), A's IDs as the probes, and A's words, number and cursor as
   * search terms.
   */
  const walkOfB = () => {
    const own = new Map([...seenByB.ids, ['User', new Set([b.spareUserId])]]);
    const cursorOfA = [...(seenByA.strings.get('ActivityEdge.cursor') ?? [])][0];
    const strings = { search: MARKER, number: A_PHONE.e164, token: b.openInviteToken, ...(cursorOfA ? { after: cursorOfA } : {}) };
    return new OperationGenerator(schema, { own, probes: seenByA.ids, strings }, 'b');
  };

  const run = (op: WalkOperation, caller: Caller) => stack.api.graphql(op.document, {}, caller.token);
  const labelOf = (caller: Caller, op: WalkOperation) => `${caller.label} ${op.kind} ${op.field}${op.probe ? ` ${op.probe.slot}=${op.probe.id}` : ''}`;
  const leaksIn = (label: string, value: unknown) => secretsIn(value, secretsOfA).map((secret) => `${label}: ${secret}`);

  /** Every query of the walk as each caller, answers keyed by caller and operation. */
  async function viewOf(callers: Caller[], generator: OperationGenerator): Promise<Responses> {
    const responses: Responses = new Map();
    const queries = generator.operations('query');
    for (const caller of callers) {
      for (const [index, op] of queries.entries()) responses.set(`${labelOf(caller, op)} #${index}`, await run(op, caller));
    }
    return responses;
  }

  /** What `callers` can see: their queries walked again with every ID found so far, until no new one turns up. */
  async function discover(callers: Caller[], valuesOf: (ids: IdPools) => WalkValues, seed: string): Promise<RecordsSeen> {
    let seen = emptyRecords();
    for (let round = 0; round < DISCOVERY_ROUNDS; round += 1) {
      const next = emptyRecords();
      const responses = await viewOf(callers, new OperationGenerator(schema, valuesOf(seen.ids), seed));
      for (const response of responses.values()) collectRecords(schema, response.data, next, SHARED_FIELDS, 'Query');
      const size = (records: RecordsSeen) => [...records.ids.values()].reduce((sum, ids) => sum + ids.size, 0);
      const settled = size(next) === size(seen);
      seen = next;
      if (settled) return seen;
    }
    throw new Error(`discovery found new IDs in each of ${DISCOVERY_ROUNDS} rounds`);
  }

  /** Walks every query as B's agent and admin: what of A's it shows them. */
  async function leaksOfQueriesOfB(): Promise<string[]> {
    const leaks: string[] = [];
    const generator = walkOfB();
    for (const caller of [b.agent, b.admin]) {
      for (const op of generator.operations('query')) {
        const result = await run(op, caller);
        op.coordinates.forEach((coordinate) => exercised.add(coordinate));
        leaks.push(...leaksIn(labelOf(caller, op), result));
      }
    }
    return leaks;
  }

  beforeAll(async () => {
    stack = await startZoomStack();
    a = await furnishOrganisationA(stack, MARKER);
    b = await furnishOrganisationB(stack);
    schema = await introspectSchema(stack.api);
    seenByA = await discover([a.admin, a.agent], valuesForA, 'a');
    seenByB = await discover([b.admin, b.agent], valuesForB, 'b');
    secretsOfA = new Set([...seenByA.values, MARKER]);
  }, 240_000);
  afterAll(() => stack?.close());

  it('generates only operations the api runs: valid against the schema, within its depth, alias, cost and token limits', async () => {
    const generated = (['query', 'mutation', 'subscription'] as const).flatMap((kind) => [...walkOfB().operations(kind), ...walkOfA().operations(kind)]);
    const refused: string[] = [];
    for (const document of new Set(generated.map((op) => op.document))) {
      // The api shares this process: seconds of work without a pause would let its idle keep-alive connections
      // time out under fetch, which then meets a reset.
      await yieldToEventLoop();
      const { depth, aliases, cost } = measureOperation(schema, parse(document));
      if (depth > GRAPHQL_LIMITS.maxDepth || aliases > GRAPHQL_LIMITS.maxAliases || cost > GRAPHQL_LIMITS.maxCost || tokenCount(document) > GRAPHQL_LIMITS.maxTokens) refused.push(document);
    }
    expect(refused).toEqual([]);
  });

  it("walks A's own view to everything A wrote, so the walk would see it were it to reach B (the positive control)", async () => {
    const view = await viewOf([a.admin, a.agent], walkOfA());
    const answers = [...view.values()];
    expect(a.written.filter((value) => secretsIn(answers, [value]).length === 0)).toEqual([]);
    expect(a.written.filter((value) => !secretsOfA.has(value))).toEqual([]);
  });

  it("shows B's agent and admin nothing of A's through any query, with A's IDs in every ID argument", async () => {
    expect(await leaksOfQueriesOfB()).toEqual([]);
  }, 120_000);

  describe('media and record URLs', () => {
    interface RecordRoute {
      path: string;
      params: string[];
      pattern: RegExp;
    }
    interface Fetched {
      status: number;
      location: string | null;
      text: string;
    }

    /** The api's GET routes under /media, and those naming a record by its ID (`/meetings/:activityId/start`). */
    const recordRoutes = (): RecordRoute[] => {
      const layers = (stack.api.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router.stack;
      return layers
        .flatMap((layer) => (layer.route?.methods.get ? [layer.route.path] : []))
        .map((path) => ({ path, params: [...path.matchAll(/:(\w+)/g)].map((match) => match[1]), pattern: new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`) }))
        .filter((route) => route.path.startsWith('/media/') || route.params.some((param) => typesNamedBy(schema, param, '').length > 0));
    };
    const fill = (route: RecordRoute, values: Record<string, string>) => route.path.replace(/:(\w+)/g, (_, param: string) => encodeURIComponent(values[param]));
    const idsFor = (pools: IdPools, param: string) => typesNamedBy(schema, param, '').flatMap((type) => [...(pools.get(type) ?? [])]);
    /** The route filled with A's IDs of each parameter's type, where every parameter names one. */
    const generatedUrls = (route: RecordRoute): string[] =>
      route.params.reduce<Array<Record<string, string>>>((combinations, param) => combinations.flatMap((values) => idsFor(seenByA.ids, param).map((id) => ({ ...values, [param]: id }))), [{}]).map((values) => fill(route, values));
    /**
     * A's URL naming two records with one swapped for B's own record of its type (B's activity, A's file): a
     * route must check that each record it names is the caller's.
     */
    const swappedUrls = (route: RecordRoute, url: string): string[] => {
      if (route.params.length < 2) return [];
      const segments = url.split('/');
      const template = route.path.split('/');
      return route.params.flatMap((param) => idsFor(seenByB.ids, param).slice(0, 1).map((id) => template.map((part, index) => (part === `:${param}` ? id : segments[index])).join('/')));
    };

    async function fetchAs(url: string, headers: Record<string, string>): Promise<Fetched> {
      const response = await fetch(`${stack.api.url}${url}`, { headers, redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location'), text: Buffer.from(await response.arrayBuffer()).toString('latin1') };
    }
    const plays = (fetched: Fetched) => [200, 206].includes(fetched.status) || (fetched.status === 302 && fetched.location !== '/login');
    const refuses = (fetched: Fetched) => [401, 403, 404].includes(fetched.status) || (fetched.status === 302 && fetched.location === '/login');

    it("refuses B's session, cookie and API token (and nobody) every URL A's records have, with nothing of A's in the answer, and plays each for A", async () => {
      const routes = recordRoutes();
      const urlsOfA = [...seenByA.strings.values()].flatMap((values) => [...values]).filter((value) => value.startsWith('/') || value.startsWith(stack.api.url)).map((value) => value.replace(stack.api.url, ''));
      const asA = { cookie: `${SESSION_COOKIE}=${a.agent.token}` };
      const credentialsOfB: Record<string, Record<string, string>> = {
        "B admin's session": { authorization: `Bearer ${b.admin.token}` },
        "B agent's cookie": { cookie: `${SESSION_COOKIE}=${b.agent.token}` },
        "B agent's API token": { authorization: `Bearer ${b.agentApiToken}` },
        nobody: {},
      };
      const notPlayingForA: string[] = [];
      const leaks: string[] = [];
      const routesPlayed = new Set<string>();
      const checkB = async (url: string) => {
        for (const [who, headers] of Object.entries(credentialsOfB)) {
          const fetched = await fetchAs(url, headers);
          if (!refuses(fetched)) leaks.push(`${who} ${url}: ${fetched.status} ${fetched.location ?? ''}`);
          leaks.push(...leaksIn(`${who} ${url}`, `${fetched.location ?? ''} ${fetched.text}`));
        }
      };
      for (const route of routes) {
        const fromRecords = urlsOfA.filter((url) => route.pattern.test(url));
        for (const url of [...new Set([...fromRecords, ...generatedUrls(route)])]) {
          const playsForA = plays(await fetchAs(url, asA));
          if (playsForA) routesPlayed.add(route.path);
          if (!playsForA && fromRecords.includes(url)) notPlayingForA.push(url);
          await checkB(url);
          for (const swapped of swappedUrls(route, url)) await checkB(swapped);
        }
      }
      expect(urlsOfA.filter((url) => !routes.some((route) => route.pattern.test(url)))).toEqual([]);
      expect(notPlayingForA).toEqual([]);
      expect(routes.map((route) => route.path).filter((path) => !routesPlayed.has(path))).toEqual([]);
      expect(leaks).toEqual([]);
    }, 120_000);
  });

  describe('subscriptions', () => {
    interface Listener {
      caller: Caller;
      op: WalkOperation;
      received: unknown[];
    }

    const listen = (client: WsClient, caller: Caller, op: WalkOperation): Listener => {
      const listener: Listener = { caller, op, received: [] };
      client.subscribe(
        { query: op.document },
        {
          next: (value) => listener.received.push(value),
          error: (error) => listener.received.push({ error: error instanceof Error ? error.message : String(error) }),
          complete: () => undefined,
        },
      );
      return listener;
    };
    const listenAll = (caller: Caller, ops: WalkOperation[]) => {
      const client = stack.api.subscribe(caller.token);
      return ops.map((op) => listen(client, caller, op));
    };
    /** A subscription to everything of its field, with no argument narrowing it. */
    const unnarrowed = (listener: Listener) => !listener.op.coordinates.some((coordinate) => coordinate.startsWith(`Subscription.${listener.op.field}(`));
    /**
     * Notes on `contactId` until every unnarrowed activityAdded of `listeners` has heard one more: they are
     * subscribed (graphql-ws says nothing when a subscription starts), and caught up with what came before.
     */
    async function noteUntilHeard(listeners: Listener[], caller: Caller, contactId: string, body: string): Promise<void> {
      const added = listeners.filter((listener) => listener.op.field === 'activityAdded' && unnarrowed(listener));
      const counts = added.map((listener) => listener.received.length);
      const noteAndCount = async () => {
        await stack.api.graphql('mutation($c: ID!, $body: String!) { addNote(contactId: $c, body: $body) { id } }', { c: contactId, body }, caller.token);
        return added.map((listener) => listener.received.length);
      };
      await eventually(noteAndCount, (now) => now.every((count, index) => count > counts[index]), 20_000);
    }
    const barrierOfB = (listeners: Listener[]) => noteUntilHeard(listeners, b.agent, b.contactId, 'Bravo barrier');

    /** A note, a contact deleted, a task, a deal, a call through the simulator (live board, timeline, updates) and A's agent connecting Zoom again. */
    async function activityOfA(listeners: Listener[]): Promise<void> {
      await noteUntilHeard(listeners, a.agent, a.contactId, `Live note ${MARKER}`);
      const leaving = await stack.api.graphql<{ createContact: { id: string } }>(`mutation { createContact(input: { firstName: "Leaving ${MARKER}" }) { id } }`, {}, a.agent.token);
      secretsOfA.add(leaving.data!.createContact.id);
      await stack.api.graphql('mutation($id: ID!) { deleteContact(id: $id, activities: KEEP) { id } }', { id: leaving.data!.createContact.id }, a.agent.token);
      await stack.api.graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { title: `Live task ${MARKER}`, contactId: a.contactId } }, a.agent.token);
      await stack.api.graphql(`mutation { createDeal(input: { title: "Live deal ${MARKER}" }) { id } }`, {}, a.agent.token);
      await stack.sim.control('POST', '/_sim/phone/calls', { userEmail: 'agent@demo.test', direction: 'inbound', counterpartNumber: A_PHONE.e164, outcome: 'answered', durationSeconds: 30 });
      await connectZoom(stack.api, a.agent.token, 'agent@demo.test');
    }

    it("delivers B's subscriptions (every field, A's contacts named too) nothing of A's while A works; A's own receive A's", async () => {
      const ops = walkOfB().operations('subscription');
      const listenersOfB = [b.agent, b.admin].flatMap((caller) => listenAll(caller, ops));
      ops.forEach((op) => op.coordinates.forEach((coordinate) => exercised.add(coordinate)));
      const opsOfA = walkOfA().operations('subscription');
      const listenersOfA = [a.agent, a.admin].flatMap((caller) => listenAll(caller, opsOfA));
      await barrierOfB(listenersOfB);

      await activityOfA(listenersOfA);
      // Each field reaches A with A's own records (IDs and marker): what the same check finds nothing of for B.
      const fields = [...new Set(opsOfA.map((op) => op.field))];
      const answeredForA = () => fields.filter((field) => listenersOfA.some((listener) => listener.op.field === field && secretsIn(listener.received, secretsOfA).length > 0));
      await eventually(async () => answeredForA(), (answered) => answered.length === fields.length, 30_000);
      // What A set going settles before A's view is taken for the mutations: the syncs its new connection started.
      await settleWebhooks(stack);
      await zoomSyncsFinished(stack, a.agent);
      await barrierOfB(listenersOfB);

      for (const listener of listenersOfA) listener.received.forEach((payload) => collectRecords(schema, (payload as GraphQLResult).data, seenByA, SHARED_FIELDS, 'Subscription'));
      [...seenByA.values].forEach((value) => secretsOfA.add(value));
      expect(listenersOfB.flatMap((listener) => leaksIn(labelOf(listener.caller, listener.op), listener.received))).toEqual([]);
    }, 120_000);
  });

  /** Probes first (each must change nothing), then the plain forms, RUN_LAST's fields at the very end in its order. */
  const mutationOrder = (callers: Caller[], ops: WalkOperation[]) => {
    const rank = (op: WalkOperation) => (op.probe ? 0 : 2 + RUN_LAST.indexOf(op.field));
    return callers.flatMap((caller) => ops.map((op) => ({ caller, op }))).sort((one, other) => rank(one.op) - rank(other.op));
  };

  it("refuses B's mutations on A's records (NOT_FOUND, FORBIDDEN), with nothing of A's in any answer, and A's whole view stays as it was", async () => {
    const viewOfA = () => viewOf([a.admin, a.agent], walkOfA());
    const before = await viewOfA();
    const leaks: string[] = [];
    const accepted: string[] = [];
    /** Per probed ID argument, whether some probe of it met the organisation check (NOT_FOUND). */
    const checked = new Map<string, boolean>();
    for (const { caller, op } of mutationOrder([b.agent, b.admin], walkOfB().operations('mutation'))) {
      const result = await run(op, caller);
      op.coordinates.forEach((coordinate) => exercised.add(coordinate));
      leaks.push(...leaksIn(labelOf(caller, op), result));
      if (!op.probe) continue;
      const code = result.errors?.[0]?.extensions?.code ?? '';
      if (result.data?.[op.field] != null || !REFUSALS.has(code)) accepted.push(`${labelOf(caller, op)}: ${code || 'accepted'}`);
      const argument = `${op.field}(${op.probe.slot})`;
      checked.set(argument, (checked.get(argument) ?? false) || code === 'NOT_FOUND');
    }
    const after = await viewOfA();
    expect(leaks).toEqual([]);
    expect(accepted).toEqual([]);
    // A refusal for another reason (the agent's role, B's own record of the wrong kind) proves nothing about the scope.
    expect([...checked].filter(([, met]) => !met).map(([argument]) => argument)).toEqual([]);
    expect([...before.keys()].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key)))).toEqual([]);
  }, 180_000);

  it("still shows B nothing of A's once B's own mutations (syncs, meetings, invites) have done their work", async () => {
    for (const caller of [b.admin, b.agent]) caller.token = await stack.api.login(caller.email, caller.password);
    await settleWebhooks(stack);
    await zoomSyncsFinished(stack, b.admin);
    expect(await leaksOfQueriesOfB()).toEqual([]);
  }, 120_000);

  it('has exercised every field, argument and input field of the schema as B (a field added later is walked, or this fails)', () => {
    const coordinates = schemaCoordinates(schema);
    expect(coordinates.filter((coordinate) => !exercised.has(coordinate) && !(coordinate in NOT_WALKED))).toEqual([]);
    expect(Object.keys(NOT_WALKED).filter((coordinate) => exercised.has(coordinate) || !coordinates.includes(coordinate))).toEqual([]);
  });
});
