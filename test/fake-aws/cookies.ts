// The console session cookie. One browser cookie jar (a profile, a Firefox container) holds one cookie, so
// each jar has its own identity, as with the real console. On AWS's host names the cookie is set for the
// partition's web domain (aws.amazon.com, …), so the sign-in host that sets it and every console host (regional,
// per session) read the same one.

export function cookieName(port: number): string {
  // Cookies are per host, not per port: the port in the name keeps two stand-ins on 127.0.0.1 apart.
  return `fakeaws-console-${port}`
}

/** IAM Identity Center's sign-in cookie (sso/browser-flow.ts): names the portal session, one per stand-in too. */
export function ssoCookieName(port: number): string {
  return `fakeaws-sso-${port}`
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** `domain`: set on an AWS host name (then the cookie is also Secure, as it only travels over TLS there). */
export function setCookie(name: string, value: string, domain?: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${domainAttributes(domain)}`
}

export function clearCookie(name: string, domain?: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${domainAttributes(domain)}`
}

function domainAttributes(domain: string | undefined): string {
  return domain === undefined ? '' : `; Domain=${domain}; Secure`
}
