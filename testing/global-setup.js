// Before any test runs: a temp directory of this run's own becomes TMPDIR for jest, its workers and every process
// the tests start (apis, the simulator, chromium). What other programs on the machine write to the system temp
// directory then never shows in a test that checks what our processes wrote (the "stores no audio" proofs).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = async () => {
  process.env.TMPDIR = mkdtempSync(path.join(tmpdir(), 'switchboard-test-'));
};
