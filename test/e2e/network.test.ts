// Issue 17: the e2e browsers run the store build on a closed network. AWS's real host names reach the local
// stand-in over TLS (so Rolecall's own endpoints are what the journeys call), loopback web pages still load, and a
// request to any other host fails inside the machine: Chromium cannot resolve it, Firefox's only proxy (the
// stand-in) refuses it and records the name. Nothing a test does can reach the internet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeAws, type FakeAws } from '../fake-aws/index'
import { BROWSERS, ChromiumExtension, OPTIONS, launch, startWebServer, type ExtensionBrowser } from './harness'

/** What a fetch from a page got: the status, or the error's name. */
async function fetchFrom(
  page: { evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> },
  url: string,
) {
  return page.evaluate(async (target) => {
    try {
      const response = await fetch(target, { cache: 'no-store' })
      return `status ${response.status}`
    } catch (error) {
      return `failed: ${(error as Error).name}`
    }
  }, url)
}

for (const kind of BROWSERS) {
  describe(`the test network in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let web: Awaited<ReturnType<typeof startWebServer>>

    beforeAll(async () => {
      aws = await startFakeAws()
      web = await startWebServer()
      browser = await launch(kind, { aws })
    })
    afterAll(async () => {
      await browser?.close()
      await web?.close()
      await aws?.close()
    })

    it("reaches AWS's host names at the stand-in over TLS, and loopback pages directly", async () => {
      const page = await browser.openPage(OPTIONS)
      // A GET without an Action is no STS call: the stand-in's 404 proves the name and the certificate worked.
      expect(await fetchFrom(page, 'https://sts.eu-west-1.amazonaws.com/')).toBe('status 404')
      expect(aws.hostsSeen().served).toContain('sts.eu-west-1.amazonaws.com')
      const loopback = await browser.openPage(web.url)
      expect(await loopback.evaluate(() => document.title)).toBe('Some web page')
      await loopback.close()
      const console = await browser.openPage(aws.realConsoleUrl('eu-west-1', '/ec2/home'))
      expect(await console.evaluate(() => document.querySelector('[data-testid="not-signed-in"]') !== null)).toBe(true)
      expect(console.url()).toBe('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1')
      await console.close()
      await page.close()
    })

    it('fails a request to any other host, from the extension and from a tab, without leaving the machine', async () => {
      const page = await browser.openPage(OPTIONS)
      for (const url of ['https://example.com/', 'http://example.com/', 'https://aws.example.net/'])
        expect(await fetchFrom(page, url), url).toMatch(/^failed: /)
      let navigation: string
      try {
        const tab = await browser.openPage('https://example.com/')
        navigation = `${tab.url()} ${await tab.evaluate(() => document.title)}`
        await tab.close()
      } catch (error) {
        navigation = `failed: ${(error as Error).message}`
      }
      expect(navigation).not.toMatch(/Example Domain/)
      if (browser instanceof ChromiumExtension) {
        // Chromium's resolver answers "not found" for every name but AWS's and loopback: no connection at all.
        expect(navigation).toMatch(/ERR_NAME_NOT_RESOLVED|chrome-error:/)
        expect(aws.hostsSeen().serverNames).not.toContain('example.com')
        // The same from the background, which holds Rolecall's host permissions: STS answers, nothing else does.
        const worker = await browser.serviceWorker()
        const fromWorker = await worker.evaluate(
          async (urls) => {
            const out: string[] = []
            for (const url of urls)
              out.push(
                await fetch(url).then(
                  (r) => `status ${r.status}`,
                  (e: Error) => `failed: ${e.name}`,
                ),
              )
            return out
          },
          ['https://sts.us-west-2.amazonaws.com/', 'https://example.com/'],
        )
        expect(fromWorker).toEqual(['status 404', 'failed: TypeError'])
      } else {
        // Firefox sent every other name to the stand-in as its proxy, which refused it.
        expect(aws.hostsSeen().refused).toEqual(expect.arrayContaining(['example.com', 'aws.example.net']))
      }
      expect(aws.hostsSeen().served).not.toContain('example.com')
      await page.close()
    })
  })
}
