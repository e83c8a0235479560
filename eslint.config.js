// Lint rules, including the process boundaries of DESIGN.md §2: where a file lives
// says which process runs it, and imports may not cross that line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'util',
  'stream',
  'zlib',
  'worker_threads',
  'events',
  'readline',
  'process',
  'buffer',
  'timers',
].flatMap((m) => [m, `node:${m}`]);

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { patterns, paths }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.tmp/**', 'electron/backend/demo/study/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          {
            group: ['**/electron/**', 'electron', 'electron/*'],
            message: 'The renderer talks to the backend only through the RPC client.',
          },
          { group: ['better-sqlite3', 'openai', 'mammoth'], message: 'Backend-only package.' },
        ],
        NODE_BUILTINS.map((name) => ({ name, message: 'The renderer has no Node.js access.' })),
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        {
          group: ['**/electron/**', '**/renderer/**', 'electron', 'react', 'better-sqlite3'],
          message: 'shared/ is pure: it imports nothing of the hosts.',
        },
      ],
      NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is pure: no Node.js I/O.' })),
    ),
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts', 'electron/server/**/*.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*'],
        message: 'The backend runs without Electron (CLI, browser mode, tests).',
      },
      {
        group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
        message: 'The backend never imports the UI or the Electron host.',
      },
    ]),
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*'],
        message: 'The backend runs without Electron (CLI, browser mode, tests).',
      },
      {
        group: [
          '**/renderer/**',
          '**/electron/main/**',
          '**/electron/preload/**',
          '**/cli/**',
          '**/server/**',
        ],
        message: 'The backend knows no host or transport.',
      },
    ]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([
      {
        group: ['**/backend/**', '**/renderer/**', 'better-sqlite3'],
        message: 'The preload only bridges IPC.',
      },
    ]),
  },
);
