import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.lab/**', '.pulumi-state/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:component', onlyDependOnLibsWithTags: ['type:util', 'type:component'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:component', 'type:util', 'type:tool'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:util', 'type:tool'] },
            // Tiers share only the host layer; the web tier may also use the director tier's real-server unit.
            { sourceTag: 'scope:director', onlyDependOnLibsWithTags: ['scope:host'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:host', 'scope:director'] },
            { sourceTag: 'scope:db', onlyDependOnLibsWithTags: ['scope:host'] },
            { sourceTag: 'scope:dfs', onlyDependOnLibsWithTags: ['scope:host'] },
            { sourceTag: 'scope:monitoring', onlyDependOnLibsWithTags: ['scope:host', 'scope:monitoring'] },
            { sourceTag: 'scope:host', onlyDependOnLibsWithTags: ['scope:host'] },
            // The site composes every tier from the description.
            {
              sourceTag: 'scope:site',
              onlyDependOnLibsWithTags: ['scope:host', 'scope:inventory', 'scope:director', 'scope:web', 'scope:db', 'scope:dfs', 'scope:monitoring'],
            },
          ],
        },
      ],
    },
  },
  {
    // Usage examples are written as a user of the library writes them: through its package name.
    files: ['packages/*/src/**/examples/readme-example.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Layout is prettier's (`.prettierrc.json`, checked by every project's lint): eslint keeps to the rest.
  prettier,
];
