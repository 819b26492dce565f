// Everything the chaos suite runs against, sharing nothing with the machine: its own PostgreSQL and Redis on free
// ports in a temp folder, the migrations and the demo seeded, the Zoom simulator with the demo agent's Zoom connected
// through its OAuth (so the agent's phone events land on the timeline), and the api as separate processes, two http
// and two worker, as production runs it. The scenarios kill, stop and start its parts; stop() removes it all, and
// Ctrl-C or a failing suite do too.
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from '../../scripts/lib/net.mjs';
import { createDatabaseIfMissing, withDatabase } from '../../scripts/lib/postgres.mjs';
import { connectZoom, graphql, migrateDatabase, seedDemo, startApi, startSim, stopProcess } from '../lib/stack.mjs';
import { AGENT_EMAIL } from '../lib/zoom-agent.mjs';
import { startPrivatePostgres } from './private-postgres.mjs';
import { startPrivateRedis } from './private-redis.mjs';

const PROCESSES_PER_ROLE = 2;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** pino's number for warn: what the report shows of the api's logs when a scenario fails. */
const WARN_LEVEL = 40;

/** True when every folder from `dir` up lets any user through (o+x), as the server's `postgres` user must. */
function reachableByAnyone(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * The suite's temp folder. As root, PostgreSQL runs as `postgres`, which must reach its data folder: where the temp
 * dir is private (jest gives each run a 0700 one), the folder goes in /tmp instead.
 */
async function makeTempFolder() {
  const base = os.userInfo().uid === 0 && !reachableByAnyone(os.tmpdir()) ? '/tmp' : os.tmpdir();
  const folder = await mkdtemp(path.join(base, 'switchboard-chaos-'));
  await chmod(folder, 0o711);
  return folder;
}

/**
 * Free ports from a random start, so two suites on one machine (npm test beside npm run bench) rarely meet, below
 * Linux's ephemeral range (32768 up), where any outgoing connection could take one before its server binds it.
 */
async function freePorts(count) {
  const ports = [];
  let from = 20_000 + Math.floor(Math.random() * 12_000);
  while (ports.length < count) {
    const port = await findFreePort(from);
    ports.push(port);
    from = port + 1;
  }
  return ports;
}

export async function startChaosStack({ log = console.log } = {}) {
  const folder = await makeTempFolder();
  const apiLogFile = path.join(folder, 'api.log');
  const apiLog = createWriteStream(apiLogFile);
  const serverLog = createWriteStream(path.join(folder, 'servers.log'));
  /** The api processes serving now, by role and index. */
  const processes = { http: [], worker: [] };
  /** Every api process ever spawned (ready or not yet), so that none outlives the suite. */
  const spawned = new Set();
  /** Those ended on purpose: any other that exits has crashed, which fails the scenario it happens in. */
  const endedOnPurpose = new WeakSet();
  const crashes = [];
  let postgres, redis, sim, db;
  let stopping = null;

  const endOnPurpose = (child, signal) => {
    endedOnPurpose.add(child);
    return stopProcess(child, signal);
  };
  const killEverythingNow = () => {
    for (const child of spawned) child.kill('SIGKILL');
    sim?.killNow();
    redis?.killNow();
    postgres?.killNow();
    rmSync(folder, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    log(`chaos: ${signal}: stopping everything`);
    void stop().finally(() => process.exit(130));
  };
  const stop = () => {
    stopping ??= (async () => {
      for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
      await db?.end().catch(() => undefined);
      await Promise.all([...spawned].map((child) => endOnPurpose(child)));
      await sim?.stop();
      await redis?.stop();
      await postgres?.stop();
      await Promise.all([apiLog, serverLog].map((stream) => new Promise((resolve) => stream.end(resolve))));
      rmSync(folder, { recursive: true, force: true });
      process.removeListener('exit', killEverythingNow);
    })();
    return stopping;
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  process.on('exit', killEverythingNow);

  try {
    // Per process its port, and per worker the port it serves /metrics on (METRICS_PORT; two workers cannot share one).
    const [postgresPort, redisPort, ...apiPorts] = await freePorts(2 + 3 * PROCESSES_PER_ROLE);
    postgres = await startPrivatePostgres({ dataDir: path.join(folder, 'postgres'), port: postgresPort, log: serverLog });
    redis = await startPrivateRedis({ port: redisPort, dir: folder, log: serverLog });
    const databaseUrl = withDatabase(postgres.url, 'switchboard');
    await createDatabaseIfMissing(databaseUrl);
    await migrateDatabase(databaseUrl);
    seedDemo(databaseUrl);
    sim = await startSim();
    // Random per run and never printed: the simulator's demo secret would do, but nothing here needs to know it.
    const webhookSecret = randomBytes(24).toString('base64url');
    const env = { ...sim.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url, REDIS_PREFIX: 'sbchaos', ZOOM_WEBHOOK_SECRET_TOKEN: webhookSecret };

    const start = async (role, index) => {
      const label = `${role} ${index + 1}`;
      const ports = role === 'http' ? { port: apiPorts[index] } : { port: apiPorts[PROCESSES_PER_ROLE + index], metrics: apiPorts[2 * PROCESSES_PER_ROLE + index] };
      const roleEnv = { ...env, API_ROLE: role, ...(ports.metrics ? { METRICS_PORT: String(ports.metrics) } : {}) };
      const onSpawn = (child) => {
        spawned.add(child);
        child.once('exit', (code, signal) => {
          spawned.delete(child);
          if (!endedOnPurpose.has(child)) crashes.push({ label, at: Date.now(), how: signal ?? `code ${code}` });
        });
      };
      processes[role][index] = await startApi(roleEnv, { port: ports.port, log: apiLog, onSpawn });
    };
    const indexes = [...Array(PROCESSES_PER_ROLE).keys()];
    // All settled before a failure is thrown: a process still starting when another failed is stopped with the rest.
    const starts = await Promise.allSettled(['http', 'worker'].flatMap((role) => indexes.map((index) => start(role, index))));
    const failedStart = starts.find((outcome) => outcome.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    /** A SIGKILL on purpose: the process dies mid-whatever, as in a crash, but the suite did it. */
    const kill = (role, index) => endOnPurpose(processes[role][index].child, 'SIGKILL');

    const httpUrls = processes.http.map((api) => api.url);
    const { login } = await graphql(httpUrls[0], `mutation { login(email: "${AGENT_EMAIL}", password: "demo-password") { token } }`);
    await connectZoom(httpUrls[0], login.token, AGENT_EMAIL);
    const zoomUser = (await sim.control('GET', '/_sim/users')).find((user) => user.email === AGENT_EMAIL);
    db = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2000 });
    // PostgreSQL going away is a scenario here, not a reason to crash the suite.
    db.on('error', () => undefined);

    return {
      httpUrls,
      webhookSecret,
      zoomUser,
      agentToken: login.token,
      db,
      postgres,
      redis,
      crashes,
      killHttp: (index) => kill('http', index),
      /** Starts http process `index` again, on its port, so the round-robin finds it where it was. */
      startHttp: (index) => start('http', index),
      killWorkers: () => Promise.all(indexes.map((index) => kill('worker', index))),
      startWorkers: () => Promise.all(indexes.map((index) => start('worker', index))),
      /** Starts again whatever is not running (a crashed process), so the next scenario finds the stack whole. */
      heal: async () => {
        for (const role of ['http', 'worker']) {
          for (const index of indexes) {
            const { child } = processes[role][index];
            if (child.exitCode !== null || child.signalCode !== null) await start(role, index);
          }
        }
      },
      /** The api's last warnings and errors (and anything not JSON, such as a crash's stack), for a failed scenario. */
      recentWarnings: (limit = 30) =>
        readFileSync(apiLogFile, 'utf8')
          .split('\n')
          .filter((line) => {
            if (!line.trim()) return false;
            try {
              return JSON.parse(line).level >= WARN_LEVEL;
            } catch {
              return true;
            }
          })
          .slice(-limit),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
