module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'crm-domain',
  rootDir: __dirname,
};
