import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Dependency direction (ARCHITECTURE.md): feature → access → care-team → identity →
 * platform → contracts. The composition root (server) may use every lib; the app only
 * the composition root and platform; testing may use anything.
 */
const depConstraints = [
  { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:platform', onlyDependOnLibsWithTags: ['layer:contracts'] },
  { sourceTag: 'layer:identity', onlyDependOnLibsWithTags: ['layer:platform', 'layer:contracts'] },
  { sourceTag: 'layer:care-team', onlyDependOnLibsWithTags: ['layer:identity', 'layer:platform', 'layer:contracts'] },
  {
    sourceTag: 'layer:access',
    onlyDependOnLibsWithTags: ['layer:care-team', 'layer:identity', 'layer:platform', 'layer:contracts'],
  },
  {
    sourceTag: 'layer:feature',
    onlyDependOnLibsWithTags: [
      'layer:feature',
      'layer:access',
      'layer:care-team',
      'layer:identity',
      'layer:platform',
      'layer:contracts',
    ],
  },
  { sourceTag: 'layer:server', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'layer:testing', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'layer:app', onlyDependOnLibsWithTags: ['layer:server', 'layer:platform', 'layer:contracts'] },
  // The web client runs in the browser: it shares only the plain contracts (enums, realtime events).
  { sourceTag: 'layer:web', onlyDependOnLibsWithTags: ['layer:contracts'] },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      '.nx/**',
      '**/*.cjs',
      'jest.config.js',
      'jest.cluster.config.js',
      'jest.web.config.js',
      'vendor/**',
      'tools/**',
      'apps/web/src/graphql/graphql-env.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The product's code says in its types or its control flow that a value exists, or throws a
    // clear error where only a map built for every key knows it (mustGet): no `x!` (issue 15).
    // Specs and the test tooling under tests/ keep theirs: there a failed assertion is the test failing.
    files: ['libs/**/*.ts', 'apps/**/*.ts', 'apps/**/*.tsx', 'apps/**/*.mts'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  prettier,
);
