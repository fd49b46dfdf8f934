// Small in-page tools shared by the browser figures: a protocol call timed inside the page (so the driver's
// own round trip is not counted), and the "next frame has been produced" wait used by the popup figures.
import type { Page as PlaywrightRawPage } from 'playwright-core'
import type { Page as PuppeteerRawPage } from 'puppeteer-core'
import { PlaywrightPage } from '../e2e/harness/chromium'
import { PuppeteerPage } from '../e2e/harness/firefox'
import type { ExtPage } from '../e2e/harness'
import type { MessageName, RequestOf } from '../../src/shared/protocol'

/**
 * Times one protocol message from an extension page: performance.now() around runtime.sendMessage, in the page.
 * Throws when the background answers with an error, so a broken figure is never reported as a fast one.
 */
export async function timedCall<N extends MessageName>(page: ExtPage, name: N, request: RequestOf<N>): Promise<number> {
  const result = await page.evaluate(
    async ({ name, request }) => {
      type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> } }
      const g = globalThis as unknown as { browser?: Api; chrome?: Api }
      const started = performance.now()
      const reply = (await (g.browser ?? g.chrome)!.runtime.sendMessage({ rolecall: 1, name, request })) as {
        ok: boolean
        error?: { code: string; message: string }
      }
      const ms = performance.now() - started
      return {
        ms,
        ok: reply?.ok === true,
        error: reply?.error ? `${reply.error.code}: ${reply.error.message}` : 'no reply',
      }
    },
    { name, request },
  )
  if (!result.ok) throw new Error(`${name} failed: ${result.error}`)
  return result.ms
}

/** The page's driver object, for what the shared page interface does not offer (init scripts, bringing to front). */
export function rawPage(
  page: ExtPage,
): { kind: 'playwright'; page: PlaywrightRawPage } | { kind: 'puppeteer'; page: PuppeteerRawPage } {
  if (page instanceof PlaywrightPage) return { kind: 'playwright', page: page.page }
  if (page instanceof PuppeteerPage) return { kind: 'puppeteer', page: page.page }
  throw new Error('unknown page type')
}

export async function bringToFront(page: ExtPage): Promise<void> {
  await rawPage(page).page.bringToFront()
}

/**
 * A function that can be sent to a page. tsx (esbuild with keepNames) wraps named inner functions of
 * `fn` in calls to a `__name` helper that exists only in Node; the wrapper defines it in the page.
 */
export function inPage<A, R>(fn: (arg: A) => R): (arg: A) => R {
  return new Function('arg', `const __name = (f) => f;\nreturn (${fn.toString()})(arg)`) as (arg: A) => R
}
