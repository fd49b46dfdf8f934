import { describe, expect, it } from 'vitest'
import { clockSkewMinutes } from '../../../src/core/aws/clock-skew'
import { describeFailure } from '../../../src/core/aws/error-messages'
import { factsOf, scrub, toRolecallFailure, type AwsCallFacts } from '../../../src/core/aws/errors'
import { RolecallFailure } from '../../../src/shared/protocol'

const aws = (
  stsCode: string,
  awsMessage = '',
  operation: AwsCallFacts['operation'] = 'AssumeRole',
  httpStatus = 403,
): AwsCallFacts => ({ operation, kind: 'aws-error', stsCode, awsMessage, httpStatus })

describe('clockSkewMinutes', () => {
  it('reads both of STS’s messages, with or without the bracketed server time', () => {
    expect(
      clockSkewMinutes(
        'Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)',
      ),
    ).toBe(10)
    expect(clockSkewMinutes('Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z')).toBe(10)
    expect(
      clockSkewMinutes(
        'Signature not yet current: 20150830T130000Z is still later than 20150830T125100Z (20150830T124600Z + 5 min.)',
      ),
    ).toBe(-14)
    expect(clockSkewMinutes('The request signature we calculated does not match')).toBeUndefined()
  })
})

describe('describeFailure in context', () => {
  it('an expired or revoked cached MFA session asks for a new code', () => {
    expect(describeFailure(aws('ExpiredToken', 'expired', 'AssumeRole', 400), { caller: 'mfa-session' })).toMatchObject(
      { code: 'expired-credentials', needsNewMfaCode: true },
    )
    expect(describeFailure(aws('InvalidClientTokenId'), { caller: 'mfa-session' })).toMatchObject({
      code: 'expired-credentials',
      needsNewMfaCode: true,
    })
    expect(describeFailure(aws('InvalidClientTokenId'), { caller: 'role-session' }).needsNewMfaCode).toBeUndefined()
    expect(
      describeFailure(aws('InvalidClientTokenId', '', 'GetCallerIdentity'), {
        caller: 'base-keys',
        baseProfile: 'alice',
      }).message,
    ).toMatch(/access key stored for "alice"/)
  })

  it('a role requiring MFA called without mfa_serial says how to add it', () => {
    const failure = describeFailure(
      aws(
        'AccessDenied',
        'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
      ),
      { hopProfile: 'prod', roleArn: 'arn:aws:iam::1:role/R' },
    )
    expect(failure.code).toBe('mfa-not-configured')
    expect(failure.message).toMatch(
      /^The role arn:aws:iam::1:role\/R requires MFA, but "prod" has no mfa_serial\. Add mfa_serial = /,
    )
  })

  it('the sign-in refusing credentials, with and without a SessionDuration', () => {
    const facts: AwsCallFacts = {
      operation: 'getSigninToken',
      kind: 'http',
      httpStatus: 400,
      host: 'signin.aws.amazon.com',
    }
    expect(describeFailure(facts, { profile: 'p' })).toMatchObject({ code: 'signin-refused', retryable: true })
    expect(describeFailure(facts, { profile: 'p', sessionDuration: 3600 })).toMatchObject({
      code: 'signin-refused',
      retryable: false,
    })
  })

  it('throttling and server errors are retryable; unknown codes keep AWS’s words', () => {
    expect(describeFailure(aws('Throttling', 'Rate exceeded', 'AssumeRole', 400))).toMatchObject({
      code: 'throttled',
      retryable: true,
    })
    expect(describeFailure(aws('InternalFailure', '', 'AssumeRole', 500))).toMatchObject({
      code: 'aws-server-error',
      retryable: true,
    })
    const unknown = describeFailure(aws('IDPRejectedClaim', 'Something new'), { hopProfile: 'x' })
    expect(unknown).toMatchObject({ code: 'unknown', stsCode: 'IDPRejectedClaim', retryable: false })
    expect(unknown.message).toContain('Something new')
  })
})

describe('facts and protocol errors', () => {
  it('never keep secrets from SDK messages, and tell network from timeout', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
    const sdkError = Object.assign(new Error(`bad ${secret}`), {
      name: 'AccessDenied',
      Code: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    })
    expect(factsOf(sdkError, { operation: 'AssumeRole', secrets: [secret] }).awsMessage).toBe('bad [redacted]')
    expect(factsOf(new TypeError('Failed to fetch'), { operation: 'getSigninToken' }).kind).toBe('network')
    expect(factsOf(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), { operation: 'AssumeRole' }).kind).toBe(
      'network',
    )
    expect(
      factsOf(new DOMException('aborted', 'AbortError'), {
        operation: 'AssumeRole',
        timedOut: true,
        timeoutSeconds: 10,
      }),
    ).toMatchObject({ kind: 'timeout', timeoutSeconds: 10 })
    expect(scrub('short 123456 stays', ['123456'])).toBe('short 123456 stays')
  })

  it('become typed protocol failures the popup can act on', () => {
    const failure = toRolecallFailure({
      code: 'mfa-code-rejected',
      message: 'm',
      retryable: true,
      needsNewMfaCode: true,
      stsCode: 'AccessDenied',
    })
    expect(failure).toBeInstanceOf(RolecallFailure)
    expect(failure.code).toBe('aws')
    expect(failure.detail).toEqual({
      loginCode: 'mfa-code-rejected',
      retryable: true,
      stsCode: 'AccessDenied',
      needsNewMfaCode: true,
    })
    expect(toRolecallFailure({ code: 'timeout', message: 'm', retryable: true }).code).toBe('network')
  })
})
