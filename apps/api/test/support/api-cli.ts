import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { onTeardown, stopChildProcess } from '../../../../testing/teardown';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist/out-tsc/apps/api/src/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout's lines that are not the api's JSON log lines: what the command itself printed. */
  printed: string[];
}

/** `node -r ./scripts/register-paths.cjs dist/out-tsc/apps/api/src/cli.js <command>`, as an operator runs it, from the build. */
export async function runApiCli(command: string, env: Record<string, string>): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test builds first)`);
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), CLI, command], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = onTeardown(() => stopChildProcess(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  await stop();
  const printed = stdout.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
  return { code, stdout, stderr, printed };
}
