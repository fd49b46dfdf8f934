// SerialNumber + TokenCode on AssumeRole and GetSessionToken: both or neither, a device of the calling user,
// a code valid now (±1 step) and not used before. Every failure is AccessDenied with AWS's wording.
import type { FakeAwsState } from '../state'
import type { Caller } from './authenticate'
import { accessDenied, MFA_INVALID_CODE, MFA_NEEDS_BOTH, MFA_UNKNOWN_DEVICE } from './errors'

/** True when a valid code was presented (the code is then spent), false when no MFA was presented. */
export function checkMfa(state: FakeAwsState, caller: Caller, params: URLSearchParams): boolean {
  const serial = params.get('SerialNumber')
  const code = params.get('TokenCode')
  if (serial === null && code === null) return false
  if (serial === null || code === null) throw accessDenied(MFA_NEEDS_BOTH)
  const device = state.model.device(serial)
  // The device must belong to the IAM user making the call; a role session has no MFA device of its own.
  const user =
    caller.kind === 'long-term'
      ? caller.user
      : caller.credentials.issuedBy === 'GetSessionToken'
        ? caller.credentials.baseUser
        : undefined
  if (!device || !user || device.owner.arn !== user.arn) throw accessDenied(MFA_UNKNOWN_DEVICE)
  if (!state.codes.accept(serial, device.secret, code, state.now())) throw accessDenied(MFA_INVALID_CODE)
  return true
}
