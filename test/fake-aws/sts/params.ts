// Request parameters checked against the STS model's constraints (docs/aws-protocol.md §2.2), reported the way AWS's
// request validation does: "N validation error(s) detected: Value '…' at 'member' failed to satisfy …".
import { packedPolicyTooLarge, type StsError, validationError } from './errors'
import { sessionPolicyProblem } from './session-policy'

export interface ParamRule {
  /** Query parameter name, e.g. RoleSessionName. */
  name: string
  required?: boolean
  minLength?: number
  maxLength?: number
  /** Anchored by us; `patternText` is how AWS prints it. */
  pattern?: RegExp
  patternText?: string
  integer?: { min: number; max: number }
}

const member = (name: string) => name[0]!.toLowerCase() + name.slice(1)

export const RULES = {
  RoleArn: { name: 'RoleArn', required: true, minLength: 20, maxLength: 2048 },
  RoleSessionName: {
    name: 'RoleSessionName',
    required: true,
    minLength: 2,
    maxLength: 64,
    pattern: /^[\w+=,.@-]*$/,
    patternText: '[\\w+=,.@-]*',
  },
  Name: {
    name: 'Name',
    required: true,
    minLength: 2,
    maxLength: 32,
    pattern: /^[\w+=,.@-]*$/,
    patternText: '[\\w+=,.@-]*',
  },
  SerialNumber: {
    name: 'SerialNumber',
    minLength: 9,
    maxLength: 256,
    pattern: /^[\w+=/:,.@-]*$/,
    patternText: '[\\w+=/:,.@-]*',
  },
  TokenCode: { name: 'TokenCode', minLength: 6, maxLength: 6, pattern: /^\d*$/, patternText: '[\\d]*' },
  ExternalId: {
    name: 'ExternalId',
    minLength: 2,
    maxLength: 1224,
    pattern: /^[\w+=,.@:/-]*$/,
    patternText: '[\\w+=,.@:\\/-]*',
  },
  SourceIdentity: {
    name: 'SourceIdentity',
    minLength: 2,
    maxLength: 64,
    pattern: /^[\w+=,.@-]*$/,
    patternText: '[\\w+=,.@-]*',
  },
  Policy: {
    name: 'Policy',
    minLength: 1,
    maxLength: 2048,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  roleDuration: { name: 'DurationSeconds', integer: { min: 900, max: 43200 } },
  tokenDuration: { name: 'DurationSeconds', integer: { min: 900, max: 129600 } },
} satisfies Record<string, ParamRule>

function problems(rule: ParamRule, value: string | undefined): string[] {
  const at = `at '${member(rule.name)}' failed to satisfy constraint: Member must`
  if (value === undefined) return rule.required ? [`Value null ${at} not be null`] : []
  const shown = `Value '${value}'`
  if (rule.integer) {
    if (!/^-?\d+$/.test(value)) return [`${shown} ${at} be a number`]
    const n = Number(value)
    if (n < rule.integer.min) return [`${shown} ${at} have value greater than or equal to ${rule.integer.min}`]
    if (n > rule.integer.max) return [`${shown} ${at} have value less than or equal to ${rule.integer.max}`]
    return []
  }
  const found: string[] = []
  if (rule.minLength !== undefined && value.length < rule.minLength)
    found.push(`${shown} ${at} have length greater than or equal to ${rule.minLength}`)
  if (rule.maxLength !== undefined && value.length > rule.maxLength)
    found.push(`${shown} ${at} have length less than or equal to ${rule.maxLength}`)
  if (rule.pattern && !rule.pattern.test(value))
    found.push(`${shown} ${at} satisfy regular expression pattern: ${rule.patternText}`)
  return found
}

/** Throws one ValidationError listing every broken constraint, like AWS. */
export function validateParams(params: URLSearchParams, rules: ParamRule[], extra: string[] = []): void {
  const found = [...rules.flatMap((rule) => problems(rule, params.get(rule.name) ?? undefined)), ...extra]
  if (found.length === 0) return
  const count = found.length === 1 ? '1 validation error detected' : `${found.length} validation errors detected`
  throw validationError(`${count}: ${found.join('; ')}`)
}

export function durationParam(params: URLSearchParams, fallback: number): number {
  const text = params.get('DurationSeconds')
  return text === null ? fallback : Number(text)
}

/** Tags.member.N.Key / .Value, as the Query protocol flattens lists. */
export function tagsParam(params: URLSearchParams): Array<{ key: string; value: string }> {
  const tags: Array<{ key: string; value: string }> = []
  for (let i = 1; params.has(`Tags.member.${i}.Key`); i++) {
    tags.push({ key: params.get(`Tags.member.${i}.Key`)!, value: params.get(`Tags.member.${i}.Value`) ?? '' })
  }
  return tags
}

export function policyArnsParam(params: URLSearchParams): string[] {
  const arns: string[] = []
  for (let i = 1; params.has(`PolicyArns.member.${i}.arn`); i++) arns.push(params.get(`PolicyArns.member.${i}.arn`)!)
  return arns
}

/** Limits on tags and managed policies that are not per-parameter rules. */
export function listProblems(params: URLSearchParams): string[] {
  const found: string[] = []
  const tags = tagsParam(params)
  if (tags.length > 50)
    found.push(`Value '[…]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`)
  tags.forEach((t, i) => {
    if (t.key.length < 1 || t.key.length > 128)
      found.push(
        `Value '${t.key}' at 'tags.${i + 1}.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
      )
    if (t.value.length > 256)
      found.push(
        `Value '${t.value}' at 'tags.${i + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      )
  })
  if (policyArnsParam(params).length > 10)
    found.push(
      `Value '[…]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10`,
    )
  const source = params.get('SourceIdentity')
  if (source !== null && source.toLowerCase().startsWith('aws:'))
    found.push(`Value '${source}' at 'sourceIdentity' failed to satisfy constraint: Member must not start with 'aws:'`)
  return found
}

/** A session policy must follow IAM's policy grammar (session-policy.ts); its packed size (in % of AWS's budget) counts policy and tags. */
export function sessionPolicy(params: URLSearchParams): { text?: string; packedPercent?: number } | StsError {
  const text = params.get('Policy') ?? undefined
  const tags = tagsParam(params)
  if (text !== undefined) {
    const problem = sessionPolicyProblem(text)
    if (problem) return problem
  }
  if (text === undefined && tags.length === 0 && policyArnsParam(params).length === 0) return {}
  const size =
    (text ?? '').length +
    tags.reduce((n, t) => n + t.key.length + t.value.length, 0) +
    policyArnsParam(params).length * 40
  const packedPercent = Math.max(1, Math.ceil((100 * size) / 2048))
  if (packedPercent > 100) return packedPolicyTooLarge()
  return { ...(text !== undefined ? { text } : {}), packedPercent }
}
