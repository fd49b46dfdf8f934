// Issue 17: Rolecall sees the console's multi-session mode for itself (the opt-in cookie, a per-session console
// host), not only through the user's setting, since a multi-session browser must never take the logout hop.
import { describe, expect, it } from 'vitest'
import { isMultiSessionConsoleUrl, signinOrigins } from '../../../src/core/aws/partition'
import {
  consoleMode,
  detectMultiSession,
  MULTI_SESSION_OPT_IN_COOKIE,
  optInCookieUrls,
} from '../../../src/core/login/multi-session-mode'

const none = { optInCookies: [], tabUrls: [] }

describe('per-session console hosts', () => {
  it('recognises <account>-<8 characters>.<region>.console.<domain> of every partition', () => {
    for (const url of [
      'https://123456789012-abcd1234.us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
      'https://123456789012-0a1b2c3d.eu-west-1.console.aws.amazon.com/ec2/home#Instances:',
      'https://123456789012-zzzzzzzz.cn-north-1.console.amazonaws.cn/',
      'https://123456789012-abcdefgh.us-gov-west-1.console.amazonaws-us-gov.com/',
    ])
      expect(isMultiSessionConsoleUrl(url), url).toBe(true)
  })

  it('refuses the plain console hosts, other shapes, other domains and plain http', () => {
    for (const url of [
      'https://console.aws.amazon.com/',
      'https://eu-west-1.console.aws.amazon.com/console/home',
      'https://12345678901-abcd1234.us-east-1.console.aws.amazon.com/', // 11 digits
      'https://123456789012-abcd123.us-east-1.console.aws.amazon.com/', // 7 characters
      'https://123456789012-abcd1234.moon-1.console.aws.amazon.com/', // no such region
      'https://123456789012-abcd1234.cn-north-1.console.aws.amazon.com/', // region of another partition
      'https://123456789012-abcd1234.us-east-1.console.aws.amazon.com.evil.example/',
      'http://123456789012-abcd1234.us-east-1.console.aws.amazon.com/',
      'not a url',
    ])
      expect(isMultiSessionConsoleUrl(url), url).toBe(false)
  })
})

describe('where the opt-in cookie is read', () => {
  it("each partition's sign-in host, and the custom sign-in endpoint's origin", () => {
    expect(MULTI_SESSION_OPT_IN_COOKIE).toBe('aws-prism-opt-in')
    expect(optInCookieUrls()).toEqual([
      'https://signin.aws.amazon.com/',
      'https://signin.amazonaws.cn/',
      'https://signin.amazonaws-us-gov.com/',
    ])
    expect(optInCookieUrls({ signinEndpoint: 'http://127.0.0.1:4599/federation' }).at(-1)).toBe(
      'http://127.0.0.1:4599/',
    )
    expect(signinOrigins({ signinEndpoint: 'not a url' })).toHaveLength(3)
  })
})

describe('detecting the mode', () => {
  it('the opt-in cookie set to true', () => {
    expect(detectMultiSession({ ...none, optInCookies: ['true'] })).toBe('opt-in-cookie')
    expect(detectMultiSession({ ...none, optInCookies: ['false', ' TRUE '] })).toBe('opt-in-cookie')
    expect(detectMultiSession({ ...none, optInCookies: ['false'] })).toBeNull()
    expect(detectMultiSession({ ...none, optInCookies: [''] })).toBeNull()
  })

  it('a tab on a per-session console host', () => {
    const tabUrls = [
      undefined,
      'https://example.com/',
      'https://222222222222-ab12cd34.eu-west-1.console.aws.amazon.com/',
    ]
    expect(detectMultiSession({ ...none, tabUrls })).toBe('session-host')
    expect(detectMultiSession({ ...none, tabUrls: ['https://eu-west-1.console.aws.amazon.com/'] })).toBeNull()
  })

  it('nothing seen: not detected', () => {
    expect(detectMultiSession(none)).toBeNull()
  })
})

describe('the mode sign-ins go by', () => {
  it('on when the user says so, or when Rolecall sees it, whatever the setting', () => {
    expect(consoleMode(false, none)).toEqual({ multiSession: false, setting: false, detected: null })
    expect(consoleMode(true, none)).toEqual({ multiSession: true, setting: true, detected: null })
    expect(consoleMode(false, { ...none, optInCookies: ['true'] })).toEqual({
      multiSession: true,
      setting: false,
      detected: 'opt-in-cookie',
    })
    expect(
      consoleMode(false, { ...none, tabUrls: ['https://123456789012-abcd1234.us-east-1.console.aws.amazon.com/'] }),
    ).toEqual({ multiSession: true, setting: false, detected: 'session-host' })
  })
})
