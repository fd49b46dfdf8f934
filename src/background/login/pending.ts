// Logins waiting for an MFA code. They live in storage.session (background only), not in the popup and not in
// module state: the popup closes when the user switches to an authenticator app, and a stopped worker must not
// forget them. One prompt per MFA device; every login waiting on that device shares it.
import type { MfaPrompt } from '../../shared/messages/login'
import { withLock } from '../locks'
import { storageSession } from '../storage-keys'

const KEY = 'mfaPrompts'

/** What to do once the code arrives, per waiting profile. */
export interface WaitingLogin {
  profile: string
  newTab: boolean
  replace: boolean
  /** Tabs of this profile whose console expired and wait to be signed in again where they were. */
  restoreTabs?: number[]
  /** The sign-in must log the browser's other console identity out first (decided when the login started). */
  switchIdentity?: boolean
}

export interface PendingPrompt extends MfaPrompt {
  waiting: WaitingLogin[]
}

export async function listPending(): Promise<PendingPrompt[]> {
  return (await storageSession.read(KEY)) ?? []
}

function update(change: (prompts: PendingPrompt[]) => PendingPrompt[]): Promise<PendingPrompt[]> {
  return withLock(KEY, async () => {
    const next = change(await listPending())
    await storageSession.write({ [KEY]: next })
    return next
  })
}

/** Adds the login to the device's prompt (creating it); returns the prompt. */
export async function addWaiting(
  deviceSerial: string,
  login: WaitingLogin,
  now: number,
  lastError?: string,
): Promise<PendingPrompt> {
  let result: PendingPrompt | undefined
  await update((prompts) => {
    const existing = prompts.find((p) => p.deviceSerial === deviceSerial)
    const prompt: PendingPrompt = existing ?? {
      id: crypto.randomUUID(),
      deviceSerial,
      profiles: [],
      waiting: [],
      createdAt: now,
    }
    const others = prompt.waiting.filter((w) => w.profile !== login.profile)
    const merged = prompt.waiting.find((w) => w.profile === login.profile)
    const restoreTabs = [...new Set([...(merged?.restoreTabs ?? []), ...(login.restoreTabs ?? [])])]
    prompt.waiting = [...others, { ...login, ...(restoreTabs.length ? { restoreTabs } : {}) }]
    prompt.profiles = prompt.waiting.map((w) => w.profile)
    if (lastError) prompt.lastError = lastError
    else delete prompt.lastError
    result = prompt
    return existing ? prompts : [...prompts, prompt]
  })
  return result!
}

export async function takePrompt(id: string): Promise<PendingPrompt | undefined> {
  let taken: PendingPrompt | undefined
  await update((prompts) => {
    taken = prompts.find((p) => p.id === id)
    return prompts.filter((p) => p.id !== id)
  })
  return taken
}

export const publicPrompt = ({ waiting: _w, ...prompt }: PendingPrompt): MfaPrompt => prompt
