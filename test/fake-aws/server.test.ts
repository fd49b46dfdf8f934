// The HTTP surface around the handlers: CORS where AWS has it, HTML escaping, unknown paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeAws, type FakeAws } from './index'
import { escapeHtml, html, isSafeLink } from './html'
import { testOrg } from './test-org'

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg })
})
afterAll(() => fake.close())

describe('CORS', () => {
  it('STS answers a preflight and exposes its responses to a web origin', async () => {
    const preflight = await fetch(fake.url + '/', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,x-amz-date',
      },
    })
    expect(preflight.status).toBe(200)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,x-amz-date')
    const unsigned = await fetch(fake.url + '/', {
      method: 'POST',
      headers: { origin: 'https://app.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity',
    })
    expect(unsigned.status).toBe(403)
    expect(unsigned.headers.get('access-control-allow-origin')).toBe('https://app.example')
  })

  it('the federation endpoint sends no CORS headers', async () => {
    const response = await fetch(`${fake.signinEndpoint}?Action=getSigninToken&Session=%7B%7D`, {
      headers: { origin: 'https://app.example' },
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('pages', () => {
  it('escapes interpolated text, including in attributes', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;')
    expect(html`<p title="${'"><script>'}">${'<b>'}${html`<i>kept</i>`}</p>`.html).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;<i>kept</i></p>',
    )
  })

  it('links only to URLs that cannot run script', () => {
    expect(
      ['https://a.example/x', 'http://127.0.0.1:1/', 'moz-extension://u/p.html', 'chrome-extension://id/p.html'].every(
        isSafeLink,
      ),
    ).toBe(true)
    expect(['javascript:alert(1)', 'data:text/html,x', 'not a url', ''].some(isSafeLink)).toBe(false)
  })

  it('shows the path asked for, escaped, on the not-signed-in page', async () => {
    const page = await (await fetch(`${fake.consoleBase}/x?q=${encodeURIComponent('<script>')}`)).text()
    expect(page).toContain('data-testid="not-signed-in"')
    expect(page).toContain('/console/x?q=%3Cscript%3E')
    expect(page).not.toContain('<script>')
  })

  it('answers unknown paths with 404 and serves an index at /', async () => {
    expect((await fetch(`${fake.url}/nope`)).status).toBe(404)
    expect(await (await fetch(fake.url + '/')).text()).toContain(`${fake.url}/federation`)
  })
})
