// Chromium's real toolbar popup, over the browser's own DevTools connection (Playwright's pipe):
// Extensions.triggerAction runs an extension's action as a click on its toolbar icon does (it needs
// --enable-unsafe-extension-debugging and a pipe connection, which Playwright's launch is). Playwright does not
// list extension popups as pages, so the popup is reached as a raw target: attached without flattening and
// spoken to through Target.sendMessageToTarget.
import type { CDPSession } from 'playwright-core'
import type { ChromiumExtension } from './chromium'
import { poll } from './ext-page'

interface TargetInfo {
  targetId: string
  type: string
  url: string
}

/** The epoch in ms, at sub-millisecond precision (compared with a page's performance.timeOrigin + now). */
export const epochNow = (): number => performance.timeOrigin + performance.now()

export class ChromiumToolbar {
  private readonly targets = new Map<string, TargetInfo>()

  private constructor(
    private readonly cdp: CDPSession,
    private readonly tabTargetId: string,
  ) {
    const seen = ({ targetInfo }: { targetInfo: TargetInfo }) => this.targets.set(targetInfo.targetId, targetInfo)
    cdp.on('Target.targetCreated', seen)
    cdp.on('Target.targetInfoChanged', seen)
    cdp.on('Target.targetDestroyed', ({ targetId }) => this.targets.delete(targetId))
  }

  static async attach(browser: ChromiumExtension): Promise<ChromiumToolbar> {
    const cdp = await browser.context.browser()!.newBrowserCDPSession()
    // The action runs "on" a tab, as a click does on the active one; any of this window's tabs will do.
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: TargetInfo[]
    }
    if (!targetInfos[0]) throw new Error('no tab to run the action on')
    const toolbar = new ChromiumToolbar(cdp, targetInfos[0].targetId)
    await cdp.send('Target.setDiscoverTargets', { discover: true })
    return toolbar
  }

  /** Clicks the extension's icon; returns the epoch ms just before the click and the popup once it exists. */
  async open(extensionId: string, page: string): Promise<{ clickedAt: number; popup: PopupTarget }> {
    const before = new Set(this.targets.keys())
    const url = `chrome-extension://${extensionId}/${page}`
    const clickedAt = epochNow()
    await this.cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: this.tabTargetId } as never)
    const target = await poll(
      async () => [...this.targets.values()].find((t) => !before.has(t.targetId) && t.url.startsWith(url)),
      10_000,
      `the popup of ${extensionId}`,
    )
    return { clickedAt, popup: await PopupTarget.attach(this.cdp, target.targetId) }
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined)
  }

  /** Whether a target is still open (a closed popup's target is destroyed). */
  isOpen(targetId: string): boolean {
    return this.targets.has(targetId)
  }
}

/** One open popup, reached through its own (non-flattened) DevTools session. */
export class PopupTarget {
  private nextId = 0
  private readonly pending = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>()

  private constructor(
    private readonly cdp: CDPSession,
    readonly targetId: string,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return
      const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } }
      if (reply.id === undefined) return
      this.pending.get(reply.id)?.(reply)
      this.pending.delete(reply.id)
    })
  }

  static async attach(cdp: CDPSession, targetId: string): Promise<PopupTarget> {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false })
    return new PopupTarget(cdp, targetId, sessionId)
  }

  /** Sends one DevTools command to the popup. */
  send<R>(method: string, params: object = {}): Promise<R> {
    const id = ++this.nextId
    const reply = new Promise<R>((resolve, reject) => {
      this.pending.set(id, (r) =>
        r.error ? reject(new Error(`${method}: ${r.error.message}`)) : resolve(r.result as R),
      )
    })
    void this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    } as never)
    return reply
  }

  /** Runs a self-contained function in the popup and returns its (JSON) result. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    // tsx names inner functions with a `__name` helper that only exists in Node: defined here for the page.
    const expression = `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg ?? null)}) })()`
    const { result, exceptionDetails } = await this.send<{
      result: { value?: R }
      exceptionDetails?: { text: string; exception?: { description?: string } }
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })
    if (exceptionDetails)
      throw new Error(`in the popup: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`)
    return result.value as R
  }

  /** Types one character as a key press (keyDown with its text, then keyUp), as Chromium gets it from the OS. */
  async typeKey(ch: string): Promise<void> {
    await this.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch })
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch })
  }

  async close(): Promise<void> {
    await this.cdp.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined)
  }
}
