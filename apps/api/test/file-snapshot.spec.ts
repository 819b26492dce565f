import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { snapshotFiles } from './support/files';

const writeTempFile = (name: string) => `require('fs').writeFileSync(require('path').join(require('os').tmpdir(), '${name}'), 'audio')`;

// The "stores no audio" proofs rest on this helper: it must see every file our processes write, and only theirs.
describe('the file snapshot behind the "stores nothing" proofs', () => {
  it('sees a file this process writes to the temp directory, and one a process it starts writes there', () => {
    const files = snapshotFiles();
    writeFileSync(path.join(tmpdir(), 'in-process.bin'), 'audio');
    execFileSync(process.execPath, ['-e', writeTempFile('child.bin')]);
    expect(files.added().sort()).toEqual([path.join(tmpdir(), 'child.bin'), path.join(tmpdir(), 'in-process.bin')]);
  });

  it('ignores what other programs write to the system temp directory meanwhile', () => {
    const files = snapshotFiles();
    const { TMPDIR: _ours, ...systemEnv } = process.env;
    const systemTemp = execFileSync(process.execPath, ['-e', `${writeTempFile('unrelated-program.txt')}; console.log(require('os').tmpdir())`], { env: systemEnv }).toString().trim();
    try {
      expect(systemTemp).not.toBe(tmpdir());
      expect(files.added()).toEqual([]);
    } finally {
      rmSync(path.join(systemTemp, 'unrelated-program.txt'), { force: true });
    }
  });
});
