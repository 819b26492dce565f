import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** Generated or installed folders a run writes to by design (builds, caches, the embedded database). */
const GENERATED = new Set(['node_modules', '.git', '.data', 'dist', '.nx', 'coverage']);
/** What test tooling itself keeps in the temp directory: jest's cache, chromium's profiles, PostgreSQL's socket. */
const TOOLING = /jest|playwright|chromium|\.s\.PGSQL/i;

function filesUnder(dir: string, skip: Set<string>): Set<string> {
  const found = new Set<string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.add(full);
    }
  };
  walk(dir);
  return found;
}

/**
 * Files in the working tree and the temp directory now; `added()` lists those that appeared since. The temp
 * directory is the test run's own (testing/global-setup.js), which only our processes write to.
 */
export function snapshotFiles(): { added(): string[] } {
  const current = () => [...filesUnder(REPO_ROOT, GENERATED), ...[...filesUnder(tmpdir(), new Set())].filter((file) => !TOOLING.test(file))];
  const before = new Set(current());
  return { added: () => current().filter((file) => !before.has(file)) };
}
