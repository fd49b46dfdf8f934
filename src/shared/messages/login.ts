// Logging into a console, the MFA prompt, and the copy actions. A login that waits for an MFA code lives in
// the background (the popup closes when the user switches to an authenticator app).
import { bool, empty, type MessageDeclarations, type MessageTypes, object, optional, returns, text } from '../schema'
import { PROFILE_NAME_MAX, type SessionState } from './profiles'

export interface MfaPrompt {
  id: string
  /** The MFA device (ARN or hardware serial) the code is for. */
  deviceSerial: string
  /** Every login waiting on this device: one code serves them all. */
  profiles: string[]
  /** Why the previous code was refused, in plain words (wrong, already used, ...). */
  lastError?: string
  createdAt: number
}

export type LoginOutcome =
  | { status: 'opened'; profile: string; tabId: number; expiresAt: number; sessionName?: string }
  | { status: 'focused'; profile: string; tabId: number }
  | { status: 'needs-mfa'; profile: string; prompt: MfaPrompt }
  /**
   * Identity Center: no live token for the profile's instance. A sign-in has started (a page is open; with a
   * device code, `userCode` is the code that page must show); the console opens once it is approved.
   */
  | {
      status: 'needs-sso'
      profile: string
      startUrl: string
      region: string
      method: 'pkce' | 'device'
      userCode?: string
      verificationUri?: string
      error?: string
    }
  /**
   * Chrome without containers: signing in replaces the identity the browser holds; ask first. With the
   * console's multi-session on, asked only when it holds its limit: `sessionsHeld` lists the profiles holding
   * it, oldest first (`current` is the oldest), and going on signs every one of them out.
   */
  | { status: 'confirm-replace'; profile: string; current: string; sessionsHeld?: string[]; sessionLimit?: number }

export interface SessionInfo {
  profile: string
  state: SessionState
  expiresAt?: number
  tabIds: number[]
}

const profile = text(PROFILE_NAME_MAX)
const promptId = text(64)

export const loginMessages = {
  'login.open': {
    request: object({ profile, newTab: optional(bool()), replace: optional(bool()) }),
    response: returns<LoginOutcome>(),
  },
  /** MFA prompts waiting in the background (reopening the popup shows the same prompt). */
  'login.pending': { request: empty(), response: returns<{ prompts: MfaPrompt[] }>() },
  /** One code for every login waiting on that device. */
  'login.submitMfa': {
    request: object({ promptId, code: text(16) }),
    response: returns<{ outcomes: LoginOutcome[] }>(),
  },
  'login.cancel': { request: object({ promptId }), response: returns<null>() },
  /** Explicit copy actions: the one-time sign-in URL, or shell export lines for a terminal. */
  'login.signinUrl': {
    request: object({ profile }),
    response: returns<LoginOutcome | { status: 'url'; url: string; expiresAt: number }>(),
  },
  'login.exportLines': {
    request: object({ profile }),
    response: returns<LoginOutcome | { status: 'exports'; text: string; expiresAt: number }>(),
  },
  'sessions.list': { request: empty(), response: returns<{ sessions: SessionInfo[]; refreshPaused: boolean }>() },
  /** Forget cached MFA sessions: the next login asks for a code again. */
  'sessions.forget': { request: empty(), response: returns<null>() },
} satisfies MessageDeclarations

export type LoginMessages = MessageTypes<typeof loginMessages>
