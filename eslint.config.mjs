// Lint is about boundaries first: libs/* stay framework-free, apps talk to libs through their public entry.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import switchboard from './tools/eslint-plugin/index.js';
import apiModules from './tools/module-graph/api-modules.js';

export default [
  // The rules' fixtures break the rules on purpose.
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.nx', '**/*.js', '**/*.cjs', '**/*.mjs', 'tools/eslint-plugin/fixtures'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // e2e starts the built api with the api's own test-support helpers; every suite that needs Zoom starts
          // the simulator's built process through the simulator's own harness (never importing its source).
          // testing/ (outside every project) is what every suite shares: the teardown registry and jest's setup.
          allow: ['../../testing/*', '../../../testing/*', '../../../../testing/*', '../../apps/api/test/support/*', '../apps/api/test/support/*', '../../zoom-sim/testing/*', '../../../zoom-sim/testing/*', '../apps/zoom-sim/testing/*', '../../apps/zoom-sim/testing/*', '../../../apps/zoom-sim/testing/*'],
          depConstraints: [
            { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: ['scope:lib'], bannedExternalImports: ['@nestjs/*', 'typeorm', 'react', 'react-dom', '@apollo/*'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:lib'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:lib', 'scope:app'] },
          ],
        },
      ],
    },
  },
  {
    // Inside the api: other modules only through their index.ts, @Module imports that match the code, no cycles.
    // The composition root (files directly in apps/api/src), specs and apps/api/test are outside the module graph.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { switchboard },
    rules: {
      'switchboard/module-boundaries': ['error', apiModules],
      'switchboard/module-imports-match': ['error', apiModules],
      'switchboard/no-module-cycles': ['error', apiModules],
    },
  },
];
