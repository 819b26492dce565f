module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'zoom-sim',
  rootDir: __dirname,
};
