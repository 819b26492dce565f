import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** Generated or installed folders a run writes to by design (builds, caches, the embedded database). */
const GENERATED = new Set(['node_modules', '.git', '.data', 'dist', '.nx', 'coverage']);

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
 * Files in the working tree and the temp dir now; `added()` lists those that appeared since, leaving out what
 * test tooling (jest, chromium, PostgreSQL's socket) creates there on its own.
 */
export function snapshotFiles(): { added(): string[] } {
  const before = { repo: filesUnder(REPO_ROOT, GENERATED), tmp: filesUnder(tmpdir(), new Set()) };
  return {
    added() {
      const repo = [...filesUnder(REPO_ROOT, GENERATED)].filter((file) => !before.repo.has(file));
      const tmp = [...filesUnder(tmpdir(), new Set())].filter((file) => !before.tmp.has(file) && !/jest|playwright|chromium|\.s\.PGSQL/i.test(file));
      return [...repo, ...tmp];
    },
  };
}
