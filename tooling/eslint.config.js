// Shared flat ESLint config. The one rule that matters most: the web app may import our server
// packages only as types (`import type { AppRouter } from '@mdsc/api'`), never at run time.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const serverOnly = ['@mdsc/db', '@mdsc/db/*', '@mdsc/core', '@mdsc/core/*', '@mdsc/jobs', '@mdsc/jobs/*', '@mdsc/storage', '@mdsc/storage/*'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/coverage/**', '**/*.d.ts', '.bench-base/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: serverOnly, message: 'The web app must not import server packages.' },
            { group: ['@mdsc/api', '@mdsc/api/*'], allowTypeImports: true, message: 'Import only types from @mdsc/api.' },
          ],
        },
      ],
    },
  },
);
