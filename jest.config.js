// `npm test` runs every project below in one jest invocation (see scripts/test.mjs).
module.exports = {
  // A global option: Jest ignores testTimeout inside project configs.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/testing/global-setup.js',
  globalTeardown: '<rootDir>/testing/global-teardown.js',
  projects: [
    '<rootDir>/libs/crm-domain',
    '<rootDir>/libs/zoom',
    '<rootDir>/apps/zoom-sim',
    '<rootDir>/apps/api',
    '<rootDir>/e2e',
    '<rootDir>/tools',
  ],
};
