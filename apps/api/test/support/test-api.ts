import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createClient, type Client as WsClient } from 'graphql-ws';
import Redis from 'ioredis';
import WebSocket from 'ws';
import { onTeardown } from '../../../../testing/teardown';
import { createHttpApp } from '../../src/app.factory';
import { AuthService } from '../../src/auth/auth.service';
import { type AppConfig, loadConfig } from '../../src/platform/config/app-config';
import { createLogger } from '../../src/platform/logging/logger';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface GraphQLResult<T = Record<string, any>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export interface TestApi {
  url: string;
  config: AppConfig;
  env: Record<string, string>;
  app: NestExpressApplication;
  database: TestDatabase;
  logLines: string[];
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  login(email: string, password?: string): Promise<string>;
  subscribe(token: string | undefined): WsClient;
  createOrganisation(name: string, users: Array<{ email: string; role?: 'agent' | 'admin' }>): Promise<void>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'test-password';

/** A real api (http role + everything) on a random port, with its own database and Redis key prefix. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `sbtest:${randomBytes(5).toString('hex')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...overrides,
  };
  const config = loadConfig(env);
  const logLines: string[] = [];
  const logSink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const wsClients: WsClient[] = [];
  let app: NestExpressApplication | null = null;
  const close = onTeardown(async () => {
    await Promise.all(wsClients.map((client) => client.dispose()));
    await app?.close();
    await database.drop();
    await deleteRedisKeys(env.REDIS_URL, env.REDIS_PREFIX);
  });
  try {
    app = await createHttpApp(config, createLogger(config.logLevel, logSink));
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await close();
    throw error;
  }
  return testApiOf(app, { config, env, database, logLines, wsClients, close });
}

interface TestApiParts {
  config: AppConfig;
  env: Record<string, string>;
  database: TestDatabase;
  logLines: string[];
  wsClients: WsClient[];
  close(): Promise<void>;
}

function testApiOf(app: NestExpressApplication, { config, env, database, logLines, wsClients, close }: TestApiParts): TestApi {
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const graphql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };

  return {
    url,
    config,
    env,
    app,
    database,
    logLines,
    graphql,
    async login(email, password = TEST_PASSWORD) {
      const result = await graphql<{ login: { token: string } }>(
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        { email, password },
      );
      if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    subscribe(token) {
      const client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: false,
        // Tests observe closes through the 'closed' event; the default handler would only print them.
        onNonLazyError: () => undefined,
      });
      wsClients.push(client);
      return client;
    },
    async createOrganisation(name, users) {
      const auth = app.get(AuthService);
      const organisation = await auth.ensureOrganisation(name, 'US');
      for (const user of users) {
        await auth.ensureUser(organisation.id, { email: user.email, name: user.email.split('@')[0], role: user.role ?? 'agent', password: TEST_PASSWORD });
      }
    },
    close,
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Resolves with the first `count` payloads of a subscription. */
export function collect<T>(client: WsClient, query: string, variables: Record<string, unknown>, count = 1): { done: Promise<T[]>; ready: Promise<void> } {
  const received: T[] = [];
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const done = new Promise<T[]>((resolve, reject) => {
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) return reject(new Error(JSON.stringify(value.errors)));
          received.push(value.data as T);
          if (received.length >= count) {
            unsubscribe();
            resolve(received);
          }
        },
        error: reject,
        complete: () => resolve(received),
      },
    );
    // graphql-ws has no "subscribed" ack; a short pause lets the server register the Redis subscription.
    setTimeout(readyResolve, 300);
  });
  return { done, ready };
}
