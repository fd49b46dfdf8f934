// Tells the user a console needs an MFA code to stay signed in (the badge shows "!" too).
import { clearNotification, notify } from '../../platform/notifications'

export async function notifyMfaNeeded(profile: string, reason: 'refresh' | 'issuer'): Promise<void> {
  const what = reason === 'refresh' ? 'is about to expire' : 'has expired'
  try {
    await notify(
      `rolecall-mfa-${profile}`,
      `Rolecall: ${profile} needs an MFA code`,
      `The console session of ${profile} ${what}. Open Rolecall and enter a code to sign its tabs in again where they were.`,
    )
  } catch {
    // Notifications may be blocked by the user or the OS: the badge still shows it.
  }
}

export async function clearMfaNotification(profile: string): Promise<void> {
  await clearNotification(`rolecall-mfa-${profile}`).catch(() => undefined)
}

/** The Identity Center session behind a console ended: one approval in the page Rolecall opened restores it. */
export async function notifySsoNeeded(profile: string, startUrl: string): Promise<void> {
  try {
    await notify(
      `rolecall-sso-${startUrl}`,
      'Rolecall: sign in to Identity Center again',
      `Your Identity Center session (${startUrl}) has ended. Allow Rolecall in the page that opened: ${profile} and every other console of it are signed in again where they were.`,
    )
  } catch {
    // Notifications may be blocked: the sign-in page itself is open.
  }
}
