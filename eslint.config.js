import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Files under `folder` (a folder of src/) may not import from the given folders of src/. A
 * relative import leaves `folder` only with one `../` per level it is nested, so each depth
 * gets its own patterns: `../data/` from src/ui/designer/ is src/ui/data/, which is allowed.
 */
function layer(folder, forbidden) {
  return [0, 1, 2, 3, 4].map((depth) => {
    const up = '../'.repeat(depth + 1);
    const patterns = forbidden.map((name) => ({
      group: [`${up}${name}`, `${up}${name}/**`],
      message: `${folder} may not import from src/${name} (ARCHITECTURE.md, layer rules).`,
    }));
    const files = ['ts', 'svelte'].map((ext) => `${folder}/${'*/'.repeat(depth)}*.${ext}`);
    return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
  });
}

export default ts.config(
  {
    ignores: [
      'dist/',
      '.e2e-dist/',
      '.cache/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.bench/',
      'src/engine/dynamics/dynamics-parser.js',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layer rules (ARCHITECTURE.md): engine imports no data/state/ui; data no state/ui; state no ui;
  // ui no data, and nothing of the engine that builds SQL.
  ...layer('src/engine', ['data', 'state', 'ui', 'cli']),
  ...layer('src/data', ['state', 'ui', 'cli']),
  ...layer('src/state', ['ui', 'cli']),
  ...layer('src/ui', ['data', 'cli', 'engine/sql', 'engine/compile']),
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
);
