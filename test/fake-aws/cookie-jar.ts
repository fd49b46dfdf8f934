// Test helper: one browser cookie jar (a profile or a Firefox container) over fetch, redirects not followed.
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(eq + 1).trim())
    }
    return response
  }

  /** Follows redirects by hand (each hop sees this jar's cookies), returning the final response and the hops. */
  async follow(url: string, maxHops = 5): Promise<{ response: Response; urls: string[] }> {
    const urls = [url]
    let response = await this.fetch(url)
    while (response.status >= 300 && response.status < 400 && urls.length <= maxHops) {
      const next = new URL(response.headers.get('location')!, urls[urls.length - 1]).href
      urls.push(next)
      response = await this.fetch(next)
    }
    return { response, urls }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)
  }

  get size(): number {
    return this.cookies.size
  }
}
