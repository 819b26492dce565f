// Shared by every project's jest.config.js: TypeScript through ts-jest (transpile only; `npm run build`
// type-checks), and the workspace path aliases mapped to source.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '^@switchboard/zoom$': path.join(__dirname, 'libs/zoom/src/index.ts'),
    '^@switchboard/crm-domain$': path.join(__dirname, 'libs/crm-domain/src/index.ts'),
  },
  // Stops whatever a test file started and left running (testing/teardown.ts), so jest always exits.
  setupFilesAfterEnv: [path.join(__dirname, 'testing/jest-setup.ts')],
  testMatch: ['**/?(*.)+(spec|test).ts'],
};
