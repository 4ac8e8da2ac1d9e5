// Lint with zero warnings; imports point one way (shared <- main/renderer/preload).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: "Only src/main/electron and src/main/index.ts may import 'electron'." };
const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'url',
  'stream',
  'http',
  'net',
  'zlib',
];

/** main's import rule (no renderer, no preload, no electron), with more patterns where a folder needs them. */
const mainRestrictions = (...more) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [noElectron],
      patterns: [
        { group: ['**/renderer/**', '**/preload/**'], message: 'main does not import the renderer or preload.' },
        ...more,
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['react', 'react-*', '@xyflow/*', '@tensorflow/*', ...nodeBuiltins],
              message: 'src/shared is pure TypeScript: no DOM, Node, Electron or tfjs.',
            },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: [...nodeBuiltins, '@tensorflow/*'],
              message: 'The renderer runs in a browser: no Node built-ins or tfjs engine.',
            },
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only through the contract (src/shared/api).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: mainRestrictions(),
  },
  {
    files: ['src/main/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/services/**', '**/electron/**', '**/server/**', '**/cli/**'],
              message: 'The engine is the bottom of main: it imports only shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The studio process asks the engine workers (src/main/services/engine/host.ts); a test walks its whole
    // import graph (tests/main/services/engine/studio-imports.test.ts), this catches a direct import as it is typed.
    files: ['src/main/services/studio/**', 'src/main/server/**', 'src/main/services/engine/host.ts'],
    rules: mainRestrictions({
      group: ['@tensorflow/*'],
      message: 'The studio process never loads TF.js: send an engine request (src/shared/api/engine.ts).',
    }),
  },
  { files: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**'], rules: { 'no-restricted-imports': 'off' } },
);
