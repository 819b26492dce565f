// `npm run seed`: migrates and seeds the demo data (idempotent) into the database npm start would use.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStaleReason } from './lib/build.mjs';
import { ensurePostgres } from './lib/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, env = process.env) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env }).status === 0;
const cli = ['-r', './scripts/register-paths.cjs', 'dist/out-tsc/apps/api/src/cli.js'];

if (buildStaleReason(root) && !run(['scripts/build.mjs'])) process.exit(1);
const postgres = await ensurePostgres({ dataDir: path.join(root, '.data/postgres') });
const env = { ...process.env, DATABASE_URL: postgres.url, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' };
const ok = run([...cli, 'migrate'], env) && run([...cli, 'seed'], env);
await postgres.stop();
process.exit(ok ? 0 : 1);
