// Where the api's modules live and which of them is the shared kernel: one answer for the lint rules
// (eslint.config.mjs), the graph printer and the docs test.
const path = require('node:path');

module.exports = {
  modulesRoot: path.join(__dirname, '../../apps/api/src'),
  shared: ['platform'],
};
