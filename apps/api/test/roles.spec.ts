import { randomBytes } from 'node:crypto';
import { createWorkerApp } from '../src/app.factory';
import { loadConfig } from '../src/platform/config/app-config';
import { createLogger } from '../src/platform/logging/logger';
import { freePort } from './support/api-process';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('API_ROLE=worker', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('boots without an HTTP server and shuts down cleanly', async () => {
    const config = loadConfig({
      API_ROLE: 'worker',
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `sbtest:${randomBytes(4).toString('hex')}`,
      // The worker's /metrics listener: never the default 9464, which another suite's worker may hold.
      METRICS_PORT: String(await freePort()),
    });
    const worker = await createWorkerApp(config, createLogger('silent'));
    expect('getHttpServer' in worker).toBe(false);
    await worker.close();
  });
});
