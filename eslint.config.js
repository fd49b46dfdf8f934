// The linter: typescript-eslint's recommended rules with type information, Svelte's, and the rules that earn
// their keep here (see each comment). `npm run lint:code` runs it with zero warnings allowed.
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', '.tmp/', 'test/e2e/harness/second-extension/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  {
    rules: {
      // A promise nobody awaits hides its failure: say `void` where that is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    // MV3 stops the background whenever it is idle: state kept in module variables is silently lost.
    files: ['src/background/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program > VariableDeclaration[kind=/let|var/]',
          message:
            'No mutable module-level state in the background: MV3 stops the worker. Use storage.session or IndexedDB.',
        },
        {
          selector:
            'Program > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]',
          message:
            'No module-level collections in the background: MV3 stops the worker. Use storage.session or IndexedDB.',
        },
      ],
    },
  },
  {
    // Plain JavaScript (configs, the second test extension) has no type information.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
