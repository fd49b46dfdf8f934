// Service worker cold start (Chromium): the worker is stopped through CDP, as Chromium does to an idle
// extension, then an already open extension page sends `app.status`; the figure is that message's round trip
// timed in the page (it includes starting the worker, loading its modules, registering the router, and
// answering, which reads the vault state and the stored profiles). A warm round trip is the baseline.
//
// The stop is done here rather than with the harness's stopServiceWorker(), which closes a page afterwards:
// the background listens to tab events, so that close can wake the worker before the timed message. The
// worker's running status is followed through CDP; a sample where it was not stopped when the message left is
// discarded.
import { POPUP, poll } from '../e2e/harness'
import type { ChromiumExtension } from '../e2e/harness/chromium'
import { rawPage, timedCall } from './page-tools'
import type { BenchRow } from './table'

const RUNS = 7
const SETTLE_MS = 300

export async function benchWorker(browser: ChromiumExtension): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const page = await browser.openPage(POPUP)
  const raw = rawPage(page)
  if (raw.kind !== 'playwright') throw new Error('the worker figure needs Chromium')
  const cdp = await browser.context.newCDPSession(raw.page)
  let status = 'unknown'
  // Seen stopped since the last stop was asked for: a message that restarts the worker at once could otherwise
  // flip its status back before a poll looks.
  let stoppedSeen = false
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions)
      if (v.scriptURL.startsWith(browser.baseUrl)) {
        status = v.runningStatus
        if (status === 'stopped') stoppedSeen = true
      }
  })
  try {
    await cdp.send('ServiceWorker.enable')
    // The popup page's own first round trip (asked once its first frame is drawn) is answered before any stop:
    // the page is idle from then on, and every timed message is the bench's.
    await page.waitFor('main[data-state]:not([data-state="cached"]):not([data-state="loading"])', 15_000)
    await timedCall(page, 'app.status', {})
    await poll(async () => status === 'running', 10_000, 'the service worker to run')
    const cold: number[] = []
    const warm: number[] = []
    let discarded = 0
    for (let i = 0; cold.length < RUNS; i++) {
      if (discarded > RUNS)
        throw new Error(`the worker restarted on its own ${discarded} times before the timed message`)
      stoppedSeen = false
      await cdp.send('ServiceWorker.stopAllWorkers')
      await poll(async () => stoppedSeen, 10_000, 'the service worker to stop')
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      const wasStopped = status === 'stopped'
      const ms = await timedCall(page, 'app.status', {})
      const again = await timedCall(page, 'app.status', {})
      if (!wasStopped) discarded++
      else if (i > 0) {
        cold.push(ms)
        warm.push(again)
      }
    }
    return {
      rows: [
        { figure: 'service worker chromium: cold start to first answer', unit: 'ms', samples: cold },
        { figure: 'service worker chromium: warm message round trip', unit: 'ms', samples: warm },
      ],
      notes: discarded
        ? [`chromium: ${discarded} cold-start sample(s) discarded (the worker restarted before the timed message).`]
        : [],
    }
  } finally {
    await cdp.detach().catch(() => undefined)
    await page.close()
  }
}
