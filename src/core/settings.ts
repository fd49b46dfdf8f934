// Non-secret settings (kept in storage.local). Validated here so the background and the options page agree
// on what a setting may hold.

export interface CustomEndpoints {
  /** e.g. a VPC endpoint https://vpce-…sts.us-east-1.vpce.amazonaws.com, or the local stand-in. */
  stsEndpoint?: string
  /** Base of the federation endpoint, e.g. https://signin.aws.amazon.com/federation */
  signinEndpoint?: string
  /** Base of the console, e.g. https://console.aws.amazon.com (the stand-in serves it under /console). */
  consoleBase?: string
}

export function hasCustomEndpoints(endpoints: CustomEndpoints): boolean {
  return Boolean(endpoints.stsEndpoint || endpoints.signinEndpoint || endpoints.consoleBase)
}

/** The one text the endpoints' tag covers: fixed order and framing, so equal endpoints give equal text. */
export function endpointsText(endpoints: CustomEndpoints): string {
  return JSON.stringify([
    'rolecall/endpoints',
    endpoints.stsEndpoint ?? '',
    endpoints.signinEndpoint ?? '',
    endpoints.consoleBase ?? '',
  ])
}

/** What showed Rolecall that the console's multi-session mode is on (src/core/login/multi-session-mode.ts). */
export type MultiSessionEvidence = 'opt-in-cookie' | 'session-host'

/** The console's multi-session mode as sign-ins go by it. */
export interface ConsoleMode {
  /** Whether sign-ins treat the browser as multi-session: the user's setting or what Rolecall detected. */
  multiSession: boolean
  /** The user's setting, consoleMultiSession. */
  setting: boolean
  /** What Rolecall detected by itself; null when it saw nothing. */
  detected: MultiSessionEvidence | null
}

export interface Settings {
  endpoints: CustomEndpoints
  /** Region for profiles that set none. */
  defaultRegion: string
  /** Lifetime asked of the cached MFA session (GetSessionToken), in hours: AWS allows 0.25–36. */
  mfaSessionHours: number
  /** Refresh a console session this many minutes before it expires. */
  refreshBeforeMinutes: number
  /** Sign consoles in again before they expire, when no new MFA code is needed. */
  silentRefresh: boolean
  /** Per profile: console session length in seconds when longer than the 1 hour an MFA session allows. */
  consoleSessionSeconds: Record<string, number>
  /**
   * Chrome only (Firefox has containers): the user turned on the AWS console's own multi-session support, so
   * one browser holds up to 5 console identities and a sign-in joins them instead of replacing the one there.
   */
  consoleMultiSession: boolean
  /**
   * How an Identity Center sign-in that a login starts asks the user: a browser page to allow (authorization
   * code + PKCE), or a code to confirm (device code), shown in the popup and on the page Rolecall opens.
   */
  ssoSignInMethod: 'pkce' | 'device'
}

export const DEFAULT_SETTINGS: Settings = {
  endpoints: {},
  defaultRegion: 'us-east-1',
  mfaSessionHours: 12,
  refreshBeforeMinutes: 5,
  silentRefresh: true,
  consoleSessionSeconds: {},
  consoleMultiSession: false,
  ssoSignInMethod: 'pkce',
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/
const PROFILE_NAME_MAX = 256

export class SettingsError extends Error {}

function endpoint(value: unknown, what: string): string | undefined {
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') throw new SettingsError(`${what} must be a URL.`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SettingsError(`${what} "${value.slice(0, 100)}" is not a URL.`)
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SettingsError(`${what} must use https:// (plain http is allowed only for 127.0.0.1 or localhost).`)
  }
  if (url.search || url.hash || url.username)
    throw new SettingsError(`${what} must not carry a query, fragment or user name.`)
  return url.href.replace(/\/$/, '')
}

function number(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new SettingsError(`${what} must be a number from ${min} to ${max}.`)
  }
  return value
}

/** Merges a partial update into settings, validating every field it touches. */
export function updateSettings(current: Settings, patch: Record<string, unknown>): Settings {
  const next: Settings = structuredClone(current)
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'endpoints': {
        if (typeof value !== 'object' || value === null) throw new SettingsError('Endpoints must be an object.')
        const e = value as Record<string, unknown>
        next.endpoints = {}
        const sts = endpoint(e.stsEndpoint, 'The STS endpoint')
        const signin = endpoint(e.signinEndpoint, 'The sign-in endpoint')
        const consoleBase = endpoint(e.consoleBase, 'The console address')
        if (sts) next.endpoints.stsEndpoint = sts
        if (signin) next.endpoints.signinEndpoint = signin
        if (consoleBase) next.endpoints.consoleBase = consoleBase
        break
      }
      case 'defaultRegion':
        if (typeof value !== 'string' || !REGION.test(value))
          throw new SettingsError(`"${String(value).slice(0, 40)}" is not an AWS region name (like eu-west-1).`)
        next.defaultRegion = value
        break
      case 'mfaSessionHours':
        next.mfaSessionHours = number(value, 'The MFA session length (hours)', 0.25, 36)
        break
      case 'refreshBeforeMinutes':
        next.refreshBeforeMinutes = number(value, 'Refresh lead time (minutes)', 1, 30)
        break
      case 'silentRefresh':
        if (typeof value !== 'boolean') throw new SettingsError('Silent refresh must be on or off.')
        next.silentRefresh = value
        break
      case 'consoleSessionSeconds': {
        if (typeof value !== 'object' || value === null)
          throw new SettingsError('Console session lengths must be an object.')
        const lengths: Record<string, number> = Object.create(null)
        for (const [profile, seconds] of Object.entries(value)) {
          if (profile.length > PROFILE_NAME_MAX)
            throw new SettingsError('A profile name in the console session lengths is too long.')
          lengths[profile] = number(seconds, `The console session length of "${profile}" (seconds)`, 900, 43_200)
        }
        next.consoleSessionSeconds = { ...lengths }
        break
      }
      case 'consoleMultiSession':
        if (typeof value !== 'boolean') throw new SettingsError('Console multi-session support must be on or off.')
        next.consoleMultiSession = value
        break
      case 'ssoSignInMethod':
        if (value !== 'pkce' && value !== 'device')
          throw new SettingsError('The Identity Center sign-in is "pkce" (a browser page) or "device" (a code).')
        next.ssoSignInMethod = value
        break
      default:
        throw new SettingsError(`"${key.slice(0, 40)}" is not a Rolecall setting.`)
    }
  }
  return next
}

/** Reads stored settings over the defaults; anything invalid falls back to its default rather than failing. */
export function settingsFromStorage(stored: unknown): Settings {
  let settings = DEFAULT_SETTINGS
  if (typeof stored !== 'object' || stored === null) return settings
  for (const [key, value] of Object.entries(stored)) {
    try {
      settings = updateSettings(settings, { [key]: value })
    } catch {
      // keep the default for that field
    }
  }
  return settings
}
