// STS errors with AWS's codes, HTTP statuses and (where known) exact message texts.
export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message)
  }
}

export const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. '
export const MFA_UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.'
export const MFA_NEEDS_BOTH =
  'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.'
export const CHAINING_LIMIT =
  'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'
export const OVER_MAX_SESSION = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'

export const accessDenied = (message: string) => new StsError('AccessDenied', message, 403)

export const notAuthorized = (callerArn: string, action: string, resource: string) =>
  accessDenied(`User: ${callerArn} is not authorized to perform: sts:${action} on resource: ${resource}`)

export const sessionCredentialsRefused = (action: 'GetSessionToken' | 'GetFederationToken') =>
  accessDenied(`Cannot call ${action} with session credentials`)

export const validationError = (message: string) => new StsError('ValidationError', message, 400)

export const invalidClientTokenId = () =>
  new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)

export const expiredToken = () =>
  new StsError('ExpiredToken', 'The security token included in the request is expired', 400)

export const regionDisabled = (accountId: string) =>
  new StsError(
    'RegionDisabledException',
    `STS is not activated in this region for account:${accountId}. Your account administrator can activate STS in this region using the IAM Console.`,
    403,
  )

export const packedPolicyTooLarge = () =>
  new StsError('PackedPolicyTooLarge', 'Packed size of consumed session policies and tags exceeds 100%.', 400)
