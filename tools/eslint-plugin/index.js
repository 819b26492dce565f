// The `switchboard` ESLint plugin: the api's module graph (barrels only, @Module imports that match, no cycles).
// Not in tools/eslint-rules: @nx/eslint-plugin claims that folder for its own workspace rules and loads it with ts-node.
module.exports = {
  meta: { name: 'switchboard' },
  rules: {
    'module-boundaries': require('./module-boundaries'),
    'module-imports-match': require('./module-imports-match'),
    'no-module-cycles': require('./no-module-cycles'),
  },
};
