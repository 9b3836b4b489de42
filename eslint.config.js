import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** One folder's import zone: forbidden import patterns (and `electron` itself for code that runs outside the main process). */
function zone(files, patterns, noElectron) {
  const paths = noElectron ? [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }] : [];
  return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

const DOMAIN_DIRECTIONS = [{ regex: '(^|/)(contract|api|cli|main|preload|web)/|(^|/)renderer/', message: 'The domain depends on models, shared/ and db — never on the contract or a transport.' }];

/**
 * SQL lives in the area's store (README "How it is built": a store per area). Outside `electron/domain/<area>/store.ts`
 * (or, for a large area, `electron/domain/<area>/store/*.ts`) a domain file may not prepare statements or build queries
 * on the workspace's handles (`ws.db`, `ws.sqlite`, `db`, `sqlite`). No file is exempt (every area has moved; issue 10).
 */
const QUERY_CALL = "callee.property.name=/^(select|selectDistinct|insert|update|delete|run|all|get|values|exec|pragma)$/";
export const SQL_OUTSIDE_STORE = [
  { selector: "CallExpression[callee.property.name='prepare']", message: "SQL belongs in the area's store.ts (a typed prepare<[params]> there)." },
  { selector: `CallExpression[callee.object.type='MemberExpression'][callee.object.property.name=/^(db|sqlite)$/][${QUERY_CALL}]`, message: "Queries belong in the area's store.ts (typed from the drizzle schema)." },
  { selector: `CallExpression[callee.object.type='Identifier'][callee.object.name=/^(db|sqlite)$/][${QUERY_CALL}]`, message: "Queries belong in the area's store.ts (typed from the drizzle schema)." },
];
/**
 * The domain reads time from its operation context (`ctx.clock.now()`, `ctx.today()`), never from the wall: a fixed
 * test clock then gives consistent days and instants. `new Date()` without arguments and `Date.now()` are refused in
 * electron/domain; the clock module (shared/clock.ts `systemClock`) is the one place that reads the wall, and
 * performance timing uses `performance.now()`.
 */
export const WALL_CLOCK_IN_DOMAIN = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from the operation context (ctx.clock.now()), not the wall clock (new Date()).' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take the time from the operation context (ctx.clock.now()), not Date.now() (performance timing: performance.now()).' },
];
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
  // CommonJS build hooks (electron-builder's afterPack): require is how they import.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Import directions (README "How it is built"): shared ← model ← contract ← renderer; shared + model + db ← domain ← api.
  zone(['shared/**/*.ts'], [{ regex: '^\\.\\./', message: 'shared/ is a leaf: it imports nothing of the app.' }], true),
  zone(['electron/model/**/*.ts'], [{ regex: '(^|/)(domain|api|jobs|contract|cli|main|preload|web)/|(^|/)renderer/', message: 'A model is pure: zod, shared/ and db schema types only.' }], true),
  zone(['electron/contract/**/*.ts'], [{ regex: '(^|/)(domain|api|jobs|cli|main|web)/|(^|/)renderer/', message: 'The contract composes operations from the models (electron/model) and shared/.' }], true),
  zone(['electron/domain/**/*.ts'], [...DOMAIN_DIRECTIONS, { regex: '(^|/)audit/(writer|store)$', message: 'Domain code audits through its operation context (ctx.audit), not by writing audit rows itself.' }], true),
  // The operation context is where audit rows are written; a restore audits into the file it just put in place;
  // audit/writer.ts is the writer both call (its insert is in the audit trail's store, audit/store.ts).
  zone(['electron/domain/opContext.ts', 'electron/domain/backups/restoreWorkspace.ts', 'electron/domain/audit/writer.ts'], DOMAIN_DIRECTIONS, true),
  zone(['electron/api/**/*.ts', 'electron/jobs/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts', 'db/**/*.ts'], [{ regex: '(^|/)renderer/', message: 'Only the renderer imports the renderer.' }], true),
  zone(
    ['renderer/**/*.{ts,tsx}'],
    [
      { group: ['node:*', 'better-sqlite3', 'drizzle-orm*'], message: 'The renderer talks to the domain through the contract only.' },
      { regex: '(^|/)(electron/(domain|api|jobs|model|cli|main|preload|web)|db)/', message: 'The renderer imports the contract and shared/ only (models come through the contract).' },
    ],
    false,
  ),
  // No wall clock in the domain (see WALL_CLOCK_IN_DOMAIN), stores included; SQL only in the area's store (see
  // SQL_OUTSIDE_STORE). One rule holds both lists: a later block replaces the rule for the files it matches.
  { files: ['electron/domain/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...WALL_CLOCK_IN_DOMAIN] } },
  { files: ['electron/domain/**/*.ts'], ignores: ['electron/domain/*/store.ts', 'electron/domain/*/store/*.ts'], rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_STORE, ...WALL_CLOCK_IN_DOMAIN] } },
  // Handlers, the CLI, the main process and the job workers reach the data through the domain, never with SQL of their own.
  { files: ['electron/api/**/*.ts', 'electron/cli/**/*.ts', 'electron/main/**/*.ts', 'electron/jobs/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_STORE] } },
);
