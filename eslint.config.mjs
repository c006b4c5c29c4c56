import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnly = ['better-sqlite3', 'kysely', 'electron-store'];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
  // src/shared is imported by both sides: no Node, no Electron, no DOM, no app layer.
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', 'react', 'react-dom', ...nodeOnly],
          patterns: [{ group: ['**/main/**', '**/renderer/**', '../main', '../renderer'], message: 'src/shared imports only src/shared and pure libraries.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  // The renderer talks to the backend only through the API client: never src/main, Node or Electron.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeModules, 'electron', ...nodeOnly],
          patterns: [{ group: ['**/main/**', '../main', '../../main'], message: 'The renderer must not import src/main; call the backend through api.ts.' }],
        },
      ],
    },
  },
  // Services run in plain Node (CLI, bridge, workers, tests): only the Electron glue may load electron.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/hosts/electron/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/hosts/electron/ may import electron.' },
            { name: 'electron-store', message: 'electron-store loads electron: use it only in src/main/hosts/electron/.' },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'src/main must not import the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/hosts/electron/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
);
