// Small network probes shared by npm start, npm test and the benchmarks.
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves true when something accepts a TCP connection on host:port within timeoutMs. */
export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (connected) => {
      socket.destroy();
      resolve(connected);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    // No host: the wildcard address, so a listener on any local address makes this fail.
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

/** True when a local server listens on the port (on any address) or we may not bind it. */
async function isPortTaken(port) {
  return !(await canListen(port)) || (await canConnect('127.0.0.1', port, 500));
}

/** The first port from `from` upwards that nothing listens on. */
export async function findFreePort(from, attempts = 100) {
  for (let port = from; port < from + attempts; port += 1) {
    if (!(await isPortTaken(port))) return port;
  }
  throw new Error(`No free TCP port between ${from} and ${from + attempts - 1}.`);
}

/** Throws one message naming every port in `services` ([{ port, label }]) that is already in use. */
export async function assertPortsFree(services) {
  const taken = [];
  for (const service of services) {
    if (await isPortTaken(service.port)) taken.push(service);
  }
  if (taken.length === 0) return;
  const list = taken.map(({ port, label }) => `${port} (${label})`).join(' and ');
  const ports = taken.map(({ port }) => `:${port}`).join(' or sport = ');
  throw new Error(
    `${taken.length > 1 ? 'Ports' : 'Port'} ${list} ${taken.length > 1 ? 'are' : 'is'} already in use, perhaps by another \`npm start\`. ` +
      `Stop what listens there (see \`ss -ltnp 'sport = ${ports}'\`) and run npm start again.`,
  );
}

/**
 * Polls `url` until it answers with a status accepted by `isReady` (default: 2xx).
 * Gives up when `signal` aborts or after timeoutMs.
 * @param {string} url
 * @param {{ timeoutMs?: number, intervalMs?: number, signal?: AbortSignal, isReady?: (status: number) => boolean }} [options]
 */
export async function waitForHttp(url, { timeoutMs = 120_000, intervalMs = 250, signal, isReady = (status) => status >= 200 && status < 300 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (isReady(response.status)) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error.cause?.code ?? error.message;
    }
    await delay(intervalMs, undefined, { signal }).catch(() => undefined);
  }
  throw new Error(`${url} was not ready after ${Math.round(timeoutMs / 1000)} s (last: ${lastProblem}).`);
}

/** The URL with any password replaced, for messages. */
export function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
