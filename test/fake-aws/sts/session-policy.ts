// The IAM policy grammar a session policy (the Policy parameter of AssumeRole and GetFederationToken) must
// follow, and AWS's MalformedPolicyDocument (HTTP 400) messages for what breaks it. README.md says which
// message is seen where; the order of the checks follows IAM's own (as moto reproduces it): shape, then
// legacy parsing, then SIDs, then principals, actions, resources.
import { StsError } from './errors'

/** Text that is not a JSON object at all (STS, observed: Hadoop's S3A docs, ansible amazon.aws tests). */
export const POLICY_NOT_JSON = 'The policy is not in the valid JSON format.'
/** Anything else the grammar does not allow (STS, observed: Hadoop's ITestAssumeRole against AWS). */
export const POLICY_SYNTAX = 'Syntax errors in policy.'
/** IAM's wording for an Effect in the wrong case (moto; not seen from STS). */
export const POLICY_LEGACY = 'The policy failed legacy parsing'
export const POLICY_SID_UNIQUE = 'Statement IDs (SID) in a single policy must be unique.'
/** IAM's wording for identity policies (observed from IAM, e.g. terraform-provider-aws#10419; not seen from STS). */
export const POLICY_PRINCIPAL = 'Policy document should not specify a principal.'
export const POLICY_NO_ACTIONS = 'Policy statement must contain actions.'
export const POLICY_NO_RESOURCES = 'Policy statement must contain resources.'

const VERSIONS = ['2012-10-17', '2008-10-17']
const TOP_LEVEL = new Set(['Version', 'Id', 'Statement'])
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Principal',
  'NotPrincipal',
])

const malformed = (message: string) => new StsError('MalformedPolicyDocument', message, 400)

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStringOrStrings = (v: Json | undefined) =>
  typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))
const isConditionValue = (v: Json) =>
  ['string', 'number', 'boolean'].includes(typeof v) ||
  (Array.isArray(v) && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x)))
/** Present and not an empty list. */
const given = (v: Json | undefined) => v !== undefined && !(Array.isArray(v) && v.length === 0)

/** The first grammar problem of a session policy, as AWS reports it; undefined when the policy is well formed. */
export function sessionPolicyProblem(text: string): StsError | undefined {
  if (!text.trimStart().startsWith('{')) return malformed(POLICY_NOT_JSON)
  let doc: Json
  try {
    doc = JSON.parse(text) as Json
  } catch {
    return malformed(POLICY_SYNTAX)
  }
  if (!isObject(doc)) return malformed(POLICY_SYNTAX)
  const statements = syntax(doc)
  if (!statements) return malformed(POLICY_SYNTAX)
  if (statements.some((s) => s.Effect !== 'Allow' && s.Effect !== 'Deny')) return malformed(POLICY_LEGACY)
  const sids = statements.flatMap((s) => (typeof s.Sid === 'string' && s.Sid !== '' ? [s.Sid] : []))
  if (new Set(sids).size !== sids.length) return malformed(POLICY_SID_UNIQUE)
  if (statements.some((s) => 'Principal' in s || 'NotPrincipal' in s)) return malformed(POLICY_PRINCIPAL)
  if (statements.some((s) => !given(s.Action) && !given(s.NotAction))) return malformed(POLICY_NO_ACTIONS)
  if (statements.some((s) => !given(s.Resource) && !given(s.NotResource))) return malformed(POLICY_NO_RESOURCES)
  return undefined
}

/** The statements when the document has the grammar's shape (elements, types, one of each pair), else undefined. */
function syntax(doc: JsonObject): JsonObject[] | undefined {
  if (Object.keys(doc).some((k) => !TOP_LEVEL.has(k))) return undefined
  if ('Version' in doc && !VERSIONS.includes(doc.Version as string)) return undefined
  if ('Id' in doc && typeof doc.Id !== 'string') return undefined
  const raw = doc.Statement
  const statements = isObject(raw) ? [raw] : Array.isArray(raw) ? raw : undefined
  if (!statements || statements.length === 0) return undefined
  for (const s of statements) {
    if (!isObject(s)) return undefined
    if (Object.keys(s).some((k) => !STATEMENT_ELEMENTS.has(k))) return undefined
    // Effect is required; its value is checked case-insensitively here, exactly by the legacy parser.
    if (typeof s.Effect !== 'string' || !['allow', 'deny'].includes(s.Effect.toLowerCase())) return undefined
    if ('Action' in s && 'NotAction' in s) return undefined
    if ('Resource' in s && 'NotResource' in s) return undefined
    for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
      if (key in s && !isStringOrStrings(s[key])) return undefined
    }
    if ('Sid' in s && typeof s.Sid !== 'string') return undefined
    if ('Condition' in s) {
      const condition = s.Condition
      if (!isObject(condition)) return undefined
      for (const block of Object.values(condition)) {
        if (!isObject(block) || !Object.values(block).every(isConditionValue)) return undefined
      }
    }
  }
  return statements as JsonObject[]
}
