import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// Three kinds of suite: unit (pure core, the AWS stand-in, conventions; Node), component (Svelte pages in
// jsdom) and e2e (the built extension in real Chromium and Firefox ESR; one file at a time).
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts', 'test/fake-aws/**/*.test.ts'] },
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.ts'],
          setupFiles: ['test/component/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
})
