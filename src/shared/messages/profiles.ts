// What the popup shows of each imported profile. No secrets: names, ids and display hints only.
import type { AppStatus } from './app'
import type { MfaPrompt } from './login'
import type { EndpointNotice } from './settings'
import { bool, empty, type MessageDeclarations, type MessageTypes, object, returns, text } from '../schema'

/** The longest profile name a request may carry. */
export const PROFILE_NAME_MAX = 256

export type LoginKind = 'role' | 'federation' | 'sso' | 'unusable'
export type SessionState = 'none' | 'live' | 'expiring' | 'expired' | 'needs-mfa'

export interface ProfileSummary {
  name: string
  kind: LoginKind
  /** Why the profile cannot open a console (kind "unusable"), in plain words. */
  reason?: string
  accountId?: string
  roleName?: string
  region?: string
  /** CSS colour from the profile's `color` key (hex without "#" is accepted in the config). */
  color?: string
  /** The role session name shown in the console and the container label. */
  sessionName?: string
  /** Profile names from the base-key profile to this one. */
  chain: string[]
  /** Whether opening it may ask for an MFA code. */
  mfa: boolean
}

export interface ProfileListItem extends ProfileSummary {
  session: SessionState
  /** Console session expiry, epoch ms, when there is one. */
  expiresAt?: number
  pinned: boolean
  /** Epoch ms of the last login through Rolecall. */
  lastUsed?: number
}

/** Everything the popup needs to draw its first screen, in one round trip. */
export interface PopupModel {
  status: AppStatus
  /** When unlocked: the list and the MFA prompts waiting in the background. */
  profiles?: ProfileListItem[]
  prompts?: MfaPrompt[]
  /**
   * When unlocked: minutes without use before the vault locks itself. The popup keeps its last list no longer
   * than that, so an open after an auto-lock does not draw the old list before the unlock form.
   */
  autoLockMinutes?: number
  /** Locked (or refresh off) while consoles are still signed in: they will not be refreshed. */
  refreshPaused: boolean
  /** Present while a custom (non-AWS) endpoint is set: the popup always says so. */
  endpoints?: EndpointNotice
}

export const profileMessages = {
  'popup.model': { request: empty(), response: returns<PopupModel>() },
  /** Everything the popup's list needs, in one round trip. */
  'profiles.list': { request: empty(), response: returns<{ profiles: ProfileListItem[] }>() },
  'profiles.pin': { request: object({ name: text(PROFILE_NAME_MAX), pinned: bool() }), response: returns<null>() },
} satisfies MessageDeclarations

export type ProfileMessages = MessageTypes<typeof profileMessages>
