// The device code flow's wait, as the AWS CLI does it: ask for the token every `interval` seconds;
// authorization_pending keeps waiting, slow_down adds 5 s to the interval, anything else (expired_token,
// access_denied, a network failure) ends it. Pure: the clock, the sleep and the call come from outside.
import { SsoError, ssoErrorOf } from './errors'

export interface DevicePoll<T> {
  /** The CreateToken call with grant device_code; throws the SDK's error while the user has not approved. */
  createToken(): Promise<T>
  sleep(ms: number): Promise<void>
  now(): number
  /** Seconds between polls (StartDeviceAuthorization's interval; AWS's default is 5 when absent). */
  intervalSeconds?: number
  /** Epoch ms after which the device code is dead (StartDeviceAuthorization's expiresIn). */
  expiresAt: number
  /** Stops the wait (the user cancelled, or signed in another way). */
  cancelled?: () => boolean
}

export const SLOW_DOWN_SECONDS = 5

export async function pollDeviceToken<T>(poll: DevicePoll<T>): Promise<T> {
  let interval = Math.max(1, poll.intervalSeconds ?? 5)
  for (;;) {
    await poll.sleep(interval * 1000)
    if (poll.cancelled?.()) throw new SsoError('denied', 'The Identity Center sign-in was cancelled.')
    if (poll.now() >= poll.expiresAt) {
      throw new SsoError(
        'expired',
        'The sign-in code expired before it was approved. Sign in to Identity Center again.',
      )
    }
    try {
      return await poll.createToken()
    } catch (error) {
      const failure = ssoErrorOf(error, 'waiting for your approval')
      if (failure.code === 'authorization-pending') continue
      if (failure.code === 'slow-down') {
        interval += SLOW_DOWN_SECONDS
        continue
      }
      throw failure
    }
  }
}
