// Service worker cold start (Chromium): the worker is stopped through CDP, as Chromium does to an idle
// extension, then an already open extension page sends `app.status`; the figure is that message's round trip
// timed in the page (it includes starting the worker, loading its modules, registering the router, and
// answering, which reads the vault state and the stored profiles). A warm round trip is the baseline.
import { POPUP, type ExtPage } from '../e2e/harness'
import type { ChromiumExtension } from '../e2e/harness/chromium'
import { timedCall } from './page-tools'
import type { BenchRow } from './table'

const RUNS = 7

export async function benchWorker(browser: ChromiumExtension): Promise<BenchRow[]> {
  const page: ExtPage = await browser.openPage(POPUP)
  try {
    const cold: number[] = []
    const warm: number[] = []
    for (let i = 0; i < RUNS + 1; i++) {
      await browser.stopServiceWorker()
      const ms = await timedCall(page, 'app.status', {})
      const again = await timedCall(page, 'app.status', {})
      if (i === 0) continue
      cold.push(ms)
      warm.push(again)
    }
    return [
      { figure: 'service worker chromium: cold start to first answer', unit: 'ms', samples: cold },
      { figure: 'service worker chromium: warm message round trip', unit: 'ms', samples: warm },
    ]
  } finally {
    await page.close()
  }
}
