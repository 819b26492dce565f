module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'zoom',
  rootDir: __dirname,
};
