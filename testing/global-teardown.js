const { rmSync } = require('node:fs');
const { tmpdir } = require('node:os');

// The run's own TMPDIR (global-setup.js) goes with the run.
module.exports = async () => {
  if (/switchboard-test-/.test(tmpdir())) rmSync(tmpdir(), { recursive: true, force: true });
};
