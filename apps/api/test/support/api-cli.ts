import { existsSync } from 'node:fs';
import path from 'node:path';
import { type ProcessRun, runNodeToExit } from '../../../../testing/run-to-exit';

const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'dist/out-tsc/apps/api/src/cli.js');

export interface CliRun extends ProcessRun {
  /** stdout's lines that are not the api's JSON log lines: what the command itself printed. */
  printed: string[];
}

/** `node -r ./scripts/register-paths.cjs dist/out-tsc/apps/api/src/cli.js <command>`, as an operator runs it, from the build. */
export async function runApiCli(command: string, env: Record<string, string>): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test builds first)`);
  const run = await runNodeToExit(['-r', path.join(ROOT, 'scripts/register-paths.cjs'), CLI, command], env, ROOT);
  return { ...run, printed: run.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('{')) };
}
