// Resolves the workspace aliases (@switchboard/*) to the compiled libs when running from dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

tsconfigPaths.register({
  baseUrl: path.join(__dirname, '..', 'dist', 'out-tsc'),
  paths: {
    '@switchboard/zoom': ['libs/zoom/src/index.js'],
    '@switchboard/crm-domain': ['libs/crm-domain/src/index.js'],
  },
});
