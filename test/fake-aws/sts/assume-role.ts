// AssumeRole: trust (principal, MFA, external id), then duration limits (role chaining, MaxSessionDuration).
import { principalArn } from '../iam-model'
import { callerBaseUser, callerPrincipal } from './authenticate'
import { CHAINING_LIMIT, notAuthorized, OVER_MAX_SESSION, validationError } from './errors'
import { checkMfa } from './mfa'
import { checkRegionActive, credentialsXml, type Operation } from './operation'
import { durationParam, listProblems, RULES, sessionPolicy, validateParams } from './params'

export const assumeRole: Operation = (input) => {
  const { state, caller, params } = input
  validateParams(
    params,
    [
      RULES.RoleArn,
      RULES.RoleSessionName,
      RULES.roleDuration,
      RULES.SerialNumber,
      RULES.TokenCode,
      RULES.ExternalId,
      RULES.SourceIdentity,
      RULES.Policy,
    ],
    listProblems(params),
  )
  const policy = sessionPolicy(params)
  if (policy instanceof Error) throw policy
  checkRegionActive(input)

  const roleArn = params.get('RoleArn')!
  const sessionName = params.get('RoleSessionName')!
  const principal = callerPrincipal(caller)
  // Federated users may call no STS action but GetCallerIdentity.
  if (principal.type === 'federated-user') throw notAuthorized(principalArn(principal), 'AssumeRole', roleArn)

  const mfaThisCall = checkMfa(state, caller, params)
  // MFA context survives a GetSessionToken session but not a role session (aws-vault #720: a chained role
  // whose trust requires MFA refuses a session of an MFA-assumed role).
  const mfaPresent =
    mfaThisCall ||
    (caller.kind === 'temporary' && caller.credentials.issuedBy === 'GetSessionToken' && caller.credentials.mfaPresent)
  const role = state.model.role(roleArn)
  const externalId = params.get('ExternalId') ?? undefined
  if (
    !role ||
    !state.model.trusts(role, principal, { mfaPresent, ...(externalId !== undefined ? { externalId } : {}) })
  ) {
    throw notAuthorized(principalArn(principal), 'AssumeRole', roleArn)
  }

  const duration = durationParam(params, 3600)
  const chained = caller.kind === 'temporary'
  if (chained && duration > 3600) throw validationError(CHAINING_LIMIT)
  if (duration > role.maxSessionDuration) throw validationError(OVER_MAX_SESSION)

  const issued = state.credentials.issue({
    issuedBy: 'AssumeRole',
    principal: { type: 'assumed-role', role, sessionName },
    baseUser: callerBaseUser(caller),
    mfaPresent,
    issuedWithLongTermKeys: !chained,
    region: caller.region,
    durationSeconds: duration,
    issuedAtMs: state.now(),
    expiresAtMs: state.credentialExpiry(duration),
  })
  return [
    ['Credentials', credentialsXml(issued)],
    [
      'AssumedRoleUser',
      [
        ['AssumedRoleId', `${role.roleId}:${sessionName}`],
        ['Arn', principalArn(issued.principal)],
      ],
    ],
    ['PackedPolicySize', policy.packedPercent],
    ['SourceIdentity', params.get('SourceIdentity') ?? undefined],
  ]
}
