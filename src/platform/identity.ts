// Firefox's identity API: an OAuth sign-in in a window of its own that ends at a loopback redirect Firefox
// intercepts (so nothing listens on 127.0.0.1). Chrome's version only accepts its chromiumapp.org redirect,
// which Identity Center does not, so Chrome watches a tab instead (src/background/sso/browser-authorize.ts).
import { browser } from './browser'

interface IdentityApi {
  getRedirectURL(path?: string): string
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string>
}

function identityApi(): IdentityApi | undefined {
  return (browser as unknown as { identity?: IdentityApi }).identity
}

/**
 * Firefox's loopback form of this extension's redirect, `http://127.0.0.1/mozoauth2/<id>`, where <id> is the
 * first label of getRedirectURL()'s host. Undefined where the API or the form is not available.
 */
export function firefoxLoopbackRedirect(): string | undefined {
  const api = identityApi()
  if (!api || typeof api.getRedirectURL !== 'function') return undefined
  const host = new URL(api.getRedirectURL()).hostname
  const id = host.split('.')[0]
  return id ? `http://127.0.0.1/mozoauth2/${id}` : undefined
}

/** Opens the sign-in window; resolves with the redirect URL it ended at, rejects when the user closes it. */
export async function launchWebAuthFlow(url: string): Promise<string> {
  const api = identityApi()
  if (!api) throw new Error('This browser has no identity API.')
  return api.launchWebAuthFlow({ url, interactive: true })
}
