// Lint: typescript-eslint's recommended rules (syntax only, no type information: it
// stays fast enough to run on every CI pass), no import cycles, and the size limits the
// project keeps (a source file under 400 lines of code, a function under 80).
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'demo-state/**', 'coverage/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    // Resolves the `.js` specifiers of our ESM imports to the `.ts` files they name.
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      // A cycle makes load order matter and hides which module owns what (issue 10).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `_name` marks a value left out on purpose (a destructured field dropped from a view).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // The terminal-escape filters match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Scripts and the CLI entry run under plain Node.
    files: ['scripts/**', 'bin/**'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
