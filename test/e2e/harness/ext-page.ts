// One small page interface over Playwright (Chromium) and Puppeteer/BiDi (Firefox), so a journey is written
// once and run in both browsers.

export interface ExtPage {
  readonly url: () => string
  /** Runs a function in the page; the function is serialised, so it can only use its argument. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>>
  click(selector: string): Promise<void>
  /** Replaces the field's value by typing, so input events fire as they do for a person. */
  fill(selector: string, text: string): Promise<void>
  /** A real key press through the protocol's key input; modifiers as in "Shift+Tab". */
  press(key: string): Promise<void>
  /** Types text key by key into whatever has the focus (real key events, no element chosen). */
  type(text: string): Promise<void>
  /** Makes this the active tab, as a person switching back to it (a page in a background tab has no focus). */
  bringToFront(): Promise<void>
  /** Waits until the selector matches a visible element. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>
  /** Waits until the predicate, run in the page, returns something truthy; returns it. */
  waitForFunction<R>(fn: () => R, timeoutMs?: number): Promise<R>
  /** The element's text with white space normalised (see normalSpace). */
  text(selector: string): Promise<string>
  count(selector: string): Promise<number>
  /** Saves a PNG under test-results/ and returns its path. */
  screenshot(name: string): Promise<string>
  /** Navigates and waits for the page to be ready (works for extension pages in Firefox too). */
  goto(url: string): Promise<void>
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>
  close(): Promise<void>
}

/**
 * Text as a person reads it: runs of white space (line breaks and indentation from the source's formatting)
 * as one space, none at the ends.
 */
export function normalSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export async function poll<R>(
  check: () => Promise<R | undefined | false | null>,
  timeoutMs: number,
  what: string,
): Promise<R> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
