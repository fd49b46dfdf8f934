// IAM Identity Center: the instances Rolecall knows and their state, signing in and out, adding a start URL
// by hand. Every request needs the unlocked vault (the tokens live in it). No secret is ever in a response:
// the device flow's user code is meant to be shown.
import { empty, type MessageDeclarations, type MessageTypes, object, returns, text } from '../schema'

export interface SsoSignInProgress {
  method: 'pkce' | 'device'
  startedAt: number
  userCode?: string
  verificationUri?: string
  error?: string
}

export interface SsoInstanceInfo {
  startUrl: string
  region: string
  signedInUntil?: number
  renews: boolean
  profiles: number
  signingIn?: SsoSignInProgress
  listedAt?: number
  accounts?: number
  roles?: number
}

const instance = { startUrl: text(512), region: text(64) }

export const ssoMessages = {
  'sso.instances': { request: empty(), response: returns<{ instances: SsoInstanceInfo[] }>() },
  'sso.add': { request: object(instance), response: returns<{ instances: SsoInstanceInfo[] }>() },
  /** method: "pkce" (approve in a browser page) or "device" (confirm a code). */
  'sso.signIn': {
    request: object({ ...instance, method: text(8) }),
    response: returns<{ progress: SsoSignInProgress }>(),
  },
  /** Lists the instance's accounts and roles again now (the popup shows each role as a profile). */
  'sso.discover': { request: object(instance), response: returns<{ accounts: number; roles: number }>() },
  'sso.signOut': { request: object(instance), response: returns<{ instances: SsoInstanceInfo[] }>() },
  'sso.forget': { request: object(instance), response: returns<{ instances: SsoInstanceInfo[] }>() },
} satisfies MessageDeclarations

export type SsoMessages = MessageTypes<typeof ssoMessages>
