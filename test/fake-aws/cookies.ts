// The console session cookie. One browser cookie jar (a profile, a Firefox container) holds one cookie, so
// each jar has its own identity, as with the real console.

export function cookieName(port: number): string {
  // Cookies are per host, not per port: the port in the name keeps two stand-ins on 127.0.0.1 apart.
  return `fakeaws-console-${port}`
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function setCookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax`
}

export function clearCookie(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
}
