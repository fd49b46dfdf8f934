// The pages' one use of the WebExtension API: a message to the background. Without webextension-polyfill,
// which was 3 KB (gzip) of the popup's first paint for this one call. It behaves as the polyfill's
// runtime.sendMessage did: Firefox's own `browser` is used as it is (the polyfill hands it over unchanged);
// in Chrome the callback form, with the polyfill's two rules: "no listener answered" resolves undefined (as
// in Firefox), and a listener's rejection (the polyfill in the background sends it as an object) rejects
// with its message.

/** What Chrome says when no listener answered: the polyfill resolves undefined for it, as Firefox does. */
const NO_RESPONSE = 'The message port closed before a response was received.'

interface ChromeRuntime {
  id?: string
  lastError?: { message?: string }
  sendMessage(message: unknown, callback: (reply: unknown) => void): void
}
type Api = { runtime?: ChromeRuntime & { sendMessage(message: unknown): Promise<unknown> } } | undefined

/** A rejection the polyfill in the background sends in place of a reply. */
type PolyfillRejection = { __mozWebExtensionPolyfillReject__: true; message: string }

export function sendToBackground(message: unknown): Promise<unknown> {
  const scope = globalThis as { browser?: Api; chrome?: Api }
  const native = scope.browser?.runtime
  if (native?.id) return native.sendMessage(message)
  return new Promise((resolve, reject) => {
    const runtime = scope.chrome!.runtime!
    runtime.sendMessage(message, (reply) => {
      const error = runtime.lastError
      if (error) {
        if (error.message === NO_RESPONSE) resolve(undefined)
        else reject(new Error(error.message))
      } else if ((reply as PolyfillRejection | undefined)?.__mozWebExtensionPolyfillReject__) {
        reject(new Error((reply as PolyfillRejection).message))
      } else resolve(reply)
    })
  })
}
