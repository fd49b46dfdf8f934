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
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // import() in a type stays allowed: vi.hoisted/vi.mock blocks need it.
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Rolecall's validators look for control characters on purpose (key ids, names, config text).
      'no-control-regex': 'off',
      // A mustache keeps "\n" in an attribute a newline.
      'svelte/no-useless-mustaches': ['error', { ignoreStringEscape: true }],
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
    // Tests read JSON from botocore and recorded AWS cases, whose shape is the subject under test.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript (configs, the second test extension) has no type information.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
