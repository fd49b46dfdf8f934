import { defineConfig, type Plugin } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { crx } from '@crxjs/vite-plugin'
import { fileURLToPath } from 'node:url'
import { manifestFor, type Target } from './scripts/manifest-for.ts'

// One source manifest, two browsers: ROLECALL_BROWSER picks the target. There is one build per browser, the
// store's: tests load it too.
const browser = (process.env.ROLECALL_BROWSER ?? 'chrome') as Target['browser']
const outDir = `dist/${browser}`

// @aws-sdk/xml-builder's "browser" build parses XML with DOMParser, which a Chrome service worker does not
// have. Its portable parser is plain JavaScript: use that one everywhere.
function portableAwsXmlParser(): Plugin {
  const portable = fileURLToPath(new URL('./node_modules/@aws-sdk/xml-builder/dist-es/xml-parser.js', import.meta.url))
  return {
    name: 'rolecall:portable-aws-xml-parser',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer?.includes('@aws-sdk/xml-builder') && source.startsWith('./xml-parser')) return portable
      return null
    },
  }
}

const OPTIONS_ONLY_SVELTE =
  /svelte[\\/]src[\\/]internal[\\/](client[\\/]dom[\\/]elements[\\/]bindings[\\/]select|shared[\\/]clone|client[\\/]dom[\\/]blocks[\\/]key)\.js$/

export default defineConfig(({ command }) => ({
  plugins: [portableAwsXmlParser(), svelte(), crx({ manifest: manifestFor({ browser }), browser })],
  // Every build is the store build; this marks code as running in a built extension rather than in Node's unit
  // tests (src/core/vault/kdf-policy.ts refuses the unit tests' low PBKDF2 count there).
  define: { __ROLECALL_BUILT__: JSON.stringify(true) },
  build: {
    outDir,
    // svelte-check loads this file in serve mode; crxjs would then empty the build output.
    emptyOutDir: command === 'build',
    target: 'es2022',
    sourcemap: false,
    minify: true,
    // Both browsers support <link rel="modulepreload">: the polyfill was a script of its own in every page.
    modulePreload: { polyfill: false },
    // Pages the manifest does not name: the notice a refused Issuer link shows (src/background/relogin/issuer-visit.ts),
    // and in Chrome the offscreen document that clears the clipboard (src/platform/clipboard.ts).
    rollupOptions: {
      // Svelte's runtime parts only the options page uses (select bindings, $state.snapshot's clone, {#key}) stay
      // in the options page's chunk instead of the chunk both pages load: Svelte declares no "sideEffects", so its
      // barrel kept them in the popup's first paint (0.7 KB gzip). These three modules have no side effects (only
      // constants at their top level).
      treeshake: { moduleSideEffects: [{ test: OPTIONS_ONLY_SVELTE, sideEffects: false }] },
      input: {
        refused: 'src/relogin/refused.html',
        ...(browser === 'chrome' ? { offscreen: 'src/offscreen/clipboard.html' } : {}),
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: false },
  legacy: { skipWebSocketTokenCheck: true },
}))
