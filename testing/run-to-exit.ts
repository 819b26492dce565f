import { spawn } from 'node:child_process';
import { onTeardown, stopChildProcess } from './teardown';

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` to its end, with `env` over this process's, and what it printed. */
export async function runNodeToExit(args: string[], env: Record<string, string>, cwd: string): Promise<ProcessRun> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = onTeardown(() => stopChildProcess(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  await stop();
  return { code, stdout, stderr };
}
