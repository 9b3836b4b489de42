import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The domain never imports Electron: it runs in the CLI, tests and worker threads too.
    files: ['shared/**/*.ts', 'electron/domain/**/*.ts', 'electron/api/**/*.ts', 'electron/contract/**/*.ts', 'electron/jobs/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts', 'db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Domain and transports other than main/preload must not import electron.' }] }] },
  },
  {
    // The renderer reaches data only through the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Pure formatting helpers (money, periods) may be shared; everything else of the domain is reached through the contract.
              group: ['node:*', 'better-sqlite3', 'drizzle-orm*', '**/db/database*'],
              message: 'The renderer talks to the domain through the contract only.',
            },
            {
              // The shared vocabulary (shared/: errors, enums, money, periods, clock, job and bridge types) is open to every layer.
              regex: '(^|/)(electron/(domain|api|jobs|db)|db)/',
              message: 'The renderer talks to the domain through the contract only; shared words live in shared/.',
            },
          ],
        },
      ],
    },
  },
);
