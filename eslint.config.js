import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { neverImportConfigs } from './lint/module-map.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.snippet/**', 'coverage/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Type-aware: the rules that know what a value is (a promise left floating,
    // a non-Error thrown) read the types from the project's own tsconfigs.
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.browser.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // An async function with no await is how a port that returns a promise is written here.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    // Tests read JSON and parsed messages as `any` on purpose, and hand methods to expect().
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain JavaScript (the benchmarks, scripts, this file) has no types to read.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Benchmarks are plain Node scripts whose functions also run inside the page.
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', window: 'readonly', document: 'readonly', MutationObserver: 'readonly' },
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      // Only the CLI shell may end the process or read argv.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Throw a SnippetError; src/cli/main.ts owns the exit.' },
        { object: 'process', property: 'argv', message: 'Options arrive as arguments from src/cli.' },
      ],
    },
  },
  // The module map's nevers: a part never imports another (lint/module-map.js).
  ...neverImportConfigs(),
);
