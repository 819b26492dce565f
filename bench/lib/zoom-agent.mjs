// Shared by the Zoom benchmarks: the whole stack (throwaway database, simulator, api in role "all") with the demo
// agent logged in and Zoom connected through the simulator's OAuth, and a graphql-ws subscriber on it.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connectZoom, createBenchDatabase, graphql, seedDemo, startApi, startSim } from './stack.mjs';

export const AGENT_EMAIL = 'agent@demo.test';

/**
 * Starts everything and connects the agent's Zoom. `beforeConnect(sim)` runs first (a past seeded before the
 * connection); `webhooks: true` points the simulator's event subscription at the api; `apiEnv` adds to the api's
 * environment (NODE_OPTIONS=--require a profiler hook, say). `stop()` undoes it all.
 */
export async function startZoomAgent({ webhooks = false, beforeConnect, apiEnv = {} } = {}) {
  const clients = [];
  let database, sim, api;
  const stop = async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await api?.stop();
    await sim?.stop();
    await database?.drop();
  };
  try {
    database = await createBenchDatabase();
    seedDemo(database.url);
    sim = await startSim();
    api = await startApi({ DATABASE_URL: database.url, ...sim.env, ...apiEnv });
    if (webhooks) await sim.control('POST', '/_sim/config', { webhookUrl: `${api.url}/webhooks/zoom` });
    await beforeConnect?.(sim);
    const { login } = await graphql(api.url, `mutation { login(email: "${AGENT_EMAIL}", password: "demo-password") { token } }`);
    await connectZoom(api.url, login.token, AGENT_EMAIL);
    const zoomUser = (await sim.control('GET', '/_sim/users')).find((user) => user.email === AGENT_EMAIL);
    return {
      database,
      sim,
      api,
      token: login.token,
      zoomUser,
      /** GraphQL over HTTP as the agent. */
      query: (text, variables = {}) => graphql(api.url, text, variables, login.token),
      /** A graphql-ws subscription as the agent; `onData(data)` gets each message. Resolves once it is likely live. */
      subscribe: async (text, variables, onData) => {
        const client = createClient({ url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${login.token}` } });
        clients.push(client);
        client.subscribe({ query: text, variables }, { next: ({ data }) => onData(data), error: (error) => console.error(error), complete: () => undefined });
        await new Promise((resolve) => setTimeout(resolve, 500));
        return client;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves when `check()` is truthy (polled every `everyMs`), with its value; rejects after `timeoutMs`. */
export async function waitUntil(check, { timeoutMs, everyMs = 5, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
