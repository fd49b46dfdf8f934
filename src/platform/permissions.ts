// Host permissions for custom endpoints are asked for at run time (from a page, in a user gesture), so the
// store build never carries broad or loopback hosts.
import { browser } from './browser'

export function originPattern(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.hostname}/*`
}

export async function hasHostPermission(url: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(url)] })
}

export async function requestHostPermission(urls: string[]): Promise<boolean> {
  const origins = [...new Set(urls.map(originPattern))]
  if (origins.length === 0) return true
  if (await browser.permissions.contains({ origins })) return true
  return browser.permissions.request({ origins })
}
