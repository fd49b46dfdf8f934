// Sentences for failed AWS calls: what happened, in plain words, and what the user can do about it.
// Built only from facts (codes, AWS's message text with secrets removed) and names from the config.
import { clockSkewMinutes } from './clock-skew'
import type { AwsCallFacts, LoginFailure } from './errors'

/** What the login was doing when the call failed; every field is optional. */
export interface FailureContext {
  /** The profile being signed in. */
  profile?: string
  /** The profile whose role this AssumeRole call assumes (a hop of the chain). */
  hopProfile?: string
  /** The profile holding the base keys. */
  baseProfile?: string
  roleArn?: string
  /** The MFA device this call sent a code for, if any. */
  mfaSerial?: string
  /** Which credentials signed the call. */
  caller?: 'base-keys' | 'mfa-session' | 'role-session' | 'federation'
  region?: string
  /** The request carried a SessionDuration (sign-in only). */
  sessionDuration?: number
}

type Described = Omit<LoginFailure, 'stsCode'>

export function describeFailure(facts: AwsCallFacts, ctx: FailureContext = {}): LoginFailure {
  const described = facts.kind === 'aws-error' ? describeAwsError(facts, ctx) : describeTransport(facts, ctx)
  return facts.stsCode ? { ...described, stsCode: facts.stsCode } : described
}

const q = (name: string | undefined) => (name ? `"${name}"` : 'this profile')

function describeTransport(facts: AwsCallFacts, ctx: FailureContext): Described {
  const what = facts.operation === 'getSigninToken' ? 'the AWS sign-in service' : 'AWS STS'
  const where = facts.host ? ` at ${facts.host}` : ''
  switch (facts.kind) {
    case 'network':
      return {
        code: 'network',
        retryable: true,
        message: `Could not reach ${what}${where}: the network seems to be down, or a firewall or proxy blocks it. Check the connection and try again.`,
      }
    case 'timeout':
      return {
        code: 'timeout',
        retryable: true,
        message: `${capital(what)}${where} did not answer${facts.timeoutSeconds ? ` within ${facts.timeoutSeconds} seconds` : ' in time'}. Check the connection and try again.`,
      }
    case 'http':
      if ((facts.httpStatus ?? 0) >= 500) return serverError(what, facts.httpStatus)
      if (facts.operation === 'getSigninToken') return signinRefused(facts.httpStatus, ctx)
      return {
        code: 'bad-response',
        retryable: true,
        message: `${capital(what)}${where} answered HTTP ${facts.httpStatus} with a body that is not an AWS error. If you set a custom endpoint, check it; otherwise try again.`,
      }
    default:
      return {
        code: 'bad-response',
        retryable: true,
        message: `${capital(what)}${where} sent an answer Rolecall could not read (cut off, or not what AWS sends). Try again; if you set a custom endpoint, check it.`,
      }
  }
}

function serverError(what: string, status: number | undefined): Described {
  return {
    code: 'aws-server-error',
    retryable: true,
    message: `${capital(what)} had an internal error${status ? ` (HTTP ${status})` : ''}. The problem is on AWS's side; try again in a moment.`,
  }
}

function signinRefused(status: number | undefined, ctx: FailureContext): Described {
  const durationHint = ctx.sessionDuration
    ? ` It was asked for a ${Math.round(ctx.sessionDuration / 60)}-minute console session, which AWS allows only for a role assumed directly with an IAM user's long-term key; choose the default console session length for ${q(ctx.profile)} and try again.`
    : ' The temporary credentials may have expired before the sign-in; try again.'
  return {
    code: 'signin-refused',
    retryable: !ctx.sessionDuration,
    message: `The AWS sign-in service refused the temporary credentials of ${q(ctx.profile)}${status ? ` (HTTP ${status})` : ''}.${durationHint}`,
  }
}

function describeAwsError(facts: AwsCallFacts, ctx: FailureContext): Described {
  const code = facts.stsCode ?? ''
  const text = facts.awsMessage ?? ''
  switch (code) {
    case 'AccessDenied':
      return accessDenied(facts, ctx)
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return ctx.caller === 'mfa-session'
        ? {
            code: 'expired-credentials',
            retryable: true,
            needsNewMfaCode: true,
            message: `The cached MFA session${device(ctx)} has expired. Enter a new MFA code to start a new one.`,
          }
        : {
            code: 'expired-credentials',
            retryable: true,
            message: `The temporary credentials used to sign in ${q(ctx.profile)} have expired. Sign in again.`,
          }
    case 'InvalidClientTokenId':
      if (ctx.caller === 'base-keys' || ctx.caller === undefined) {
        return {
          code: 'invalid-key-id',
          retryable: false,
          message: `AWS does not recognise the access key stored for ${q(ctx.baseProfile ?? ctx.profile)}: it was deleted or deactivated, or it is a key of another AWS partition than ${ctx.region ? `the region ${ctx.region}` : "the profile's region"} (standard, China, GovCloud). Store a current access key for it in Rolecall's vault.`,
        }
      }
      return {
        code: 'expired-credentials',
        retryable: true,
        ...(ctx.caller === 'mfa-session' ? { needsNewMfaCode: true } : {}),
        message: `AWS no longer accepts the temporary credentials used to sign in ${q(ctx.profile)} (they were revoked or their key was rotated). Sign in again${ctx.caller === 'mfa-session' ? ' with a new MFA code' : ''}.`,
      }
    case 'SignatureDoesNotMatch': {
      const skew = clockSkewMinutes(text)
      if (skew !== undefined) {
        const direction = skew > 0 ? 'behind' : 'ahead of'
        const minutes = Math.abs(skew)
        return {
          code: 'clock-skew',
          retryable: false,
          message: `This computer's clock is about ${minutes} minute${minutes === 1 ? '' : 's'} ${direction} AWS's clock, and AWS refuses requests more than 5 minutes off. Set the system clock to update automatically, then try again.`,
        }
      }
      return {
        code: 'signature-mismatch',
        retryable: false,
        message: `AWS says the request's signature does not match: the secret access key stored for ${q(ctx.baseProfile ?? ctx.profile)} does not belong to its access key id. Store the key again (both parts) in Rolecall's vault.`,
      }
    }
    case 'IncompleteSignature':
    case 'MissingAuthenticationToken':
      return {
        code: 'signature-mismatch',
        retryable: false,
        message: `AWS STS${facts.host ? ` at ${facts.host}` : ''} says the request was not signed (${code}). If a custom STS endpoint or a proxy is set, check that it passes requests through unchanged.`,
      }
    case 'RegionDisabledException':
      return {
        code: 'region-disabled',
        retryable: false,
        message: `STS is not activated in ${ctx.region ?? 'this region'} for this AWS account. Set another region for ${q(ctx.profile)} in the config, or ask an administrator to activate STS in ${ctx.region ?? 'it'} (IAM → Account settings).`,
      }
    case 'ValidationError':
      return validationError(text, ctx)
    case 'MalformedPolicyDocument':
      return {
        code: 'invalid-parameter',
        retryable: false,
        message: `AWS rejected the session policy of this sign-in: ${text || code}`,
      }
    case 'PackedPolicyTooLarge':
      return {
        code: 'invalid-parameter',
        retryable: false,
        message: `The session tags or policies of ${q(ctx.hopProfile ?? ctx.profile)} are too large for AWS (${text || code}). Use fewer or shorter session_tags.`,
      }
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
      return {
        code: 'throttled',
        retryable: true,
        message: 'AWS is limiting the rate of requests from this account right now. Wait a few seconds and try again.',
      }
    default:
      if ((facts.httpStatus ?? 0) >= 500 || code === 'InternalFailure' || code === 'ServiceUnavailable')
        return serverError('AWS STS', facts.httpStatus)
      return {
        code: 'unknown',
        retryable: false,
        message: `AWS refused ${facts.operation} for ${q(ctx.hopProfile ?? ctx.profile)} with ${code || `HTTP ${facts.httpStatus}`}${text ? `: ${text}` : '.'}`,
      }
  }
}

function accessDenied(facts: AwsCallFacts, ctx: FailureContext): Described {
  const text = facts.awsMessage ?? ''
  if (/invalid MFA one time pass code|unable to validate MFA code/i.test(text)) {
    const serialHint = /unable to validate/i.test(text)
      ? ` If a fresh code is refused too, check that mfa_serial${ctx.mfaSerial ? ` (${ctx.mfaSerial})` : ''} is an MFA device of the IAM user whose key ${q(ctx.baseProfile)} holds.`
      : ''
    return {
      code: 'mfa-code-rejected',
      retryable: true,
      needsNewMfaCode: true,
      message: `AWS did not accept the MFA code${device(ctx)}: it was mistyped, or already used (each code works only once). Wait for the next code in your authenticator app and enter it.${serialHint}`,
    }
  }
  if (
    /must provide both MFA serial number and one time pass code/i.test(text) ||
    (!ctx.mfaSerial && /MultiFactorAuth/i.test(text))
  ) {
    return {
      code: 'mfa-not-configured',
      retryable: false,
      message: `${capital(theRole(ctx))} requires MFA, but ${q(ctx.hopProfile ?? ctx.profile)} has no mfa_serial. Add mfa_serial = arn:aws:iam::<account id>:mfa/<device name> (your MFA device's ARN) to that profile or its source profile, then import the config again.`,
    }
  }
  if (/with session credentials/i.test(text)) {
    return {
      code: 'needs-long-term-key',
      retryable: false,
      message: `${facts.operation} needs an IAM user's long-term access key (AKIA…), but ${q(ctx.baseProfile ?? ctx.profile)} holds temporary credentials. Store the IAM user's long-term access key for it in Rolecall's vault.`,
    }
  }
  if (facts.operation === 'GetFederationToken') {
    return {
      code: 'federation-needs-mfa',
      retryable: false,
      message: `AWS denied GetFederationToken for ${q(ctx.profile)}. Usually a policy denies every call made without MFA, and this AWS call cannot carry MFA (an AWS limit). Use a role profile with mfa_serial instead (role_arn, source_profile = ${ctx.baseProfile ?? ctx.profile ?? 'this profile'}, mfa_serial) to open this account's console.`,
    }
  }
  if (facts.operation === 'AssumeRole') {
    const mfaHint = ctx.mfaSerial ? '' : ' If the role requires MFA, add mfa_serial to the profile.'
    const chainHint =
      ctx.caller === 'role-session' ? ' (the caller is the role assumed by the previous step of the chain)' : ''
    return {
      code: 'role-trust-denied',
      retryable: false,
      message: `AWS denied assuming ${theRole(ctx)} for ${q(ctx.hopProfile ?? ctx.profile)}: the role's trust policy does not allow this caller${chainHint}, or the caller lacks permission for sts:AssumeRole on it. Check role_arn${ctx.caller === 'role-session' ? '' : ', external_id'} and the role's trust policy with your AWS administrator.${mfaHint}`,
    }
  }
  return {
    code: 'access-denied',
    retryable: false,
    message: `AWS denied ${facts.operation} for ${q(ctx.hopProfile ?? ctx.profile)}${facts.awsMessage ? `: ${facts.awsMessage}` : '.'}`,
  }
}

function validationError(text: string, ctx: FailureContext): Described {
  const who = q(ctx.hopProfile ?? ctx.profile)
  if (/role chaining/i.test(text)) {
    return {
      code: 'duration-too-long',
      retryable: false,
      message: `AWS allows at most 1 hour for a role assumed with temporary credentials (role chaining), and ${who} asked for more. Set duration_seconds to 3600 or less for it.`,
    }
  }
  if (/MaxSessionDuration/i.test(text)) {
    return {
      code: 'duration-too-long',
      retryable: false,
      message: `${capital(theRole(ctx))} allows shorter sessions than ${who} asked for. Choose a shorter console session (or duration_seconds) for it, or ask an administrator to raise the role's maximum session duration (up to 12 hours).`,
    }
  }
  return {
    code: 'invalid-parameter',
    retryable: false,
    message: `AWS rejected a value sent for ${who}: ${sentence(text || 'ValidationError')} Check role_session_name, external_id, source_identity and session tags in the config.`,
  }
}

function theRole(ctx: FailureContext): string {
  return ctx.roleArn ? `the role ${ctx.roleArn}` : 'the role'
}

function device(ctx: FailureContext): string {
  return ctx.mfaSerial ? ` for MFA device ${ctx.mfaSerial}` : ''
}

function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
