// Lint is about boundaries first: libs/* stay framework-free, apps talk to libs through their public entry.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.nx', '**/*.js', '**/*.cjs', '**/*.mjs'] },
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
          allow: ['../../apps/api/test/support/*', '../apps/api/test/support/*', '../../zoom-sim/testing/*', '../../../zoom-sim/testing/*', '../apps/zoom-sim/testing/*', '../../apps/zoom-sim/testing/*', '../../../apps/zoom-sim/testing/*'],
          depConstraints: [
            { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: ['scope:lib'], bannedExternalImports: ['@nestjs/*', 'typeorm', 'react', 'react-dom', '@apollo/*'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:lib'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:lib', 'scope:app'] },
          ],
        },
      ],
    },
  },
];
