// Redis reachability check with a fix the reader can act on.
import { Redis } from 'ioredis';
import { redactUrl } from './net.mjs';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * PINGs Redis at `url`; throws an Error whose message is one line saying how to fix it.
 * @param {string} [url] defaults to REDIS_URL, then redis://127.0.0.1:6379
 * @param {{ timeoutMs?: number }} [options]
 */
export async function assertRedisReachable(url = process.env.REDIS_URL || DEFAULT_REDIS_URL, { timeoutMs = 1500 } = {}) {
  if (!isRedisUrl(url)) throw new Error('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379.');
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let connectionError;
  redis.on('error', (error) => {
    connectionError = error; // reported below, once, with the fix
  });
  try {
    await redis.connect();
    const answer = await redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected answer to PING: ${answer}`);
  } catch (error) {
    const cause = connectionError ?? error;
    throw new Error(
      `Redis is not reachable at ${redactUrl(url)} (${cause.code ?? cause.message}): start it with ` +
        '`redis-server --daemonize yes` or `docker compose up -d redis`, or set REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}

function isRedisUrl(url) {
  try {
    return ['redis:', 'rediss:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
