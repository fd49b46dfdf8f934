// GetFederationToken: long-term IAM user keys only. Without a session policy the federated user may do
// nothing at all (effective permissions = user policies ∩ session policy), which the console page shows.
import type { SessionPolicy } from '../credential-store'
import { principalArn } from '../iam-model'
import { sessionCredentialsRefused } from './errors'
import { checkRegionActive, credentialsXml, type Operation } from './operation'
import { durationParam, listProblems, policyArnsParam, RULES, sessionPolicy, validateParams } from './params'

export const getFederationToken: Operation = (input) => {
  const { state, caller, params } = input
  validateParams(params, [RULES.Name, RULES.tokenDuration, RULES.Policy], listProblems(params))
  const policy = sessionPolicy(params)
  if (policy instanceof Error) throw policy
  checkRegionActive(input)
  if (caller.kind !== 'long-term') throw sessionCredentialsRefused('GetFederationToken')

  const name = params.get('Name')!
  const duration = durationParam(params, 43200)
  const issued = state.credentials.issue({
    issuedBy: 'GetFederationToken',
    principal: { type: 'federated-user', accountId: caller.user.accountId, name, user: caller.user },
    baseUser: caller.user,
    mfaPresent: false,
    issuedWithLongTermKeys: true,
    sessionPolicy: classify(policy.text, policyArnsParam(params).length > 0),
    region: caller.region,
    durationSeconds: duration,
    issuedAtMs: state.now(),
    expiresAtMs: state.credentialExpiry(duration),
  })
  return [
    ['Credentials', credentialsXml(issued)],
    [
      'FederatedUser',
      [
        ['Arn', principalArn(issued.principal)],
        ['FederatedUserId', `${caller.user.accountId}:${name}`],
      ],
    ],
    ['PackedPolicySize', policy.packedPercent],
  ]
}

function classify(policyText: string | undefined, hasManagedPolicies: boolean): SessionPolicy {
  if (policyText === undefined) return hasManagedPolicies ? 'custom' : 'none'
  const doc = JSON.parse(policyText) as { Statement?: unknown }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]
  const star = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'))
  const allowAll = statements.some((s) => {
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown } | null
    return st?.Effect === 'Allow' && star(st.Action) && star(st.Resource)
  })
  return allowAll ? 'allow-all' : 'custom'
}
