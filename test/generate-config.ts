// A deterministic, realistic ~/.aws/config for benchmarks and end-to-end tests: IAM-user base profiles with
// MFA, role chains two and three deep, include_profile fragments, comments, regions and colours, a few SSO
// and credential_process profiles, and (on request) the mistakes people make, with their line numbers.
// Test data, not product code: it lives under test/ so no bundle can ever include it.

export interface GenerateOptions {
  profiles: number
  seed?: number
  /** Add botocore-fatal mistakes (duplicate key and section, a line without "=", a bad sub-section line). */
  errors?: boolean
}

export interface GeneratedConfig {
  text: string
  /** Profile names in file order (including [default] as "default"). */
  names: string[]
  /** Lines (1-based) holding an injected mistake, with what it is. */
  errors: { line: number; kind: 'duplicate-key' | 'no-delimiter' | 'duplicate-section' | 'bad-subsection' }[]
}

const TEAMS = ['payments', 'search', 'identity', 'data', 'platform', 'billing', 'mobile', 'infra', 'ml', 'security']
const ENVS = ['dev', 'test', 'staging', 'prod', 'sandbox']
const ROLES = ['ReadOnly', 'Developer', 'Admin', 'Deployer', 'Auditor', 'OnCall']
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1']
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', 'd62728', '#9467bd', '8c564b', '#e377c2', '#7f7f7f']

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function generateConfig(options: GenerateOptions): GeneratedConfig {
  const rand = random(options.seed ?? 1)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const account = (): string => String(100_000_000_000 + Math.floor(rand() * 899_999_999_999))
  const lines: string[] = []
  const names: string[] = []
  const errors: GeneratedConfig['errors'] = []
  const push = (...more: string[]): void => {
    lines.push(...more)
  }
  const mark = (kind: GeneratedConfig['errors'][number]['kind'], text: string): void => {
    lines.push(text)
    errors.push({ line: lines.length, kind })
  }

  push('# ~/.aws/config — generated for Rolecall tests', '[default]', `region = ${pick(REGIONS)}`, 'output = json', '')
  names.push('default')
  const total = Math.max(options.profiles, 1)
  const baseCount = Math.max(1, Math.round(total / 20))
  const bases: { name: string; mfa: string }[] = []
  for (let i = 0; i < baseCount && names.length < total; i++) {
    const name = `${pick(TEAMS)}-user-${i}`
    const mfa = `arn:aws:iam::${account()}:mfa/${name}`
    bases.push({ name, mfa })
    names.push(name)
    push(`[profile ${name}]`, `mfa_serial = ${mfa}`, `region = ${pick(REGIONS)}`)
    if (i % 3 === 1) push(`credential_process = aws-vault export --format=json ${name}`)
    push('')
  }
  const first = bases[0]
  if (first === undefined) return finish()
  const fragment = `common-${first.name}`
  if (names.length < total) {
    names.push(fragment)
    push(
      '; shared settings, pulled in with include_profile',
      `[profile ${fragment}]`,
      `source_profile = ${first.name}`,
      `mfa_serial = ${first.mfa}`,
      'duration_seconds = 3600',
      '',
    )
  }
  const roles: string[] = []
  let errorBudget = options.errors ? 4 : 0
  for (let i = 0; names.length < total; i++) {
    const name = `${pick(TEAMS)}-${pick(ENVS)}-${pick(ROLES).toLowerCase()}-${i}`
    names.push(name)
    const kind = rand()
    if (i % 10 === 0) push(`# ${name}: managed by the platform team`)
    push(`[profile ${name}]`)
    if (kind < 0.03) {
      push('sso_session = corp', `sso_account_id = ${account()}`, `sso_role_name = ${pick(ROLES)}`)
    } else if (kind < 0.05) {
      push('credential_process = /usr/local/bin/get-creds --profile ci')
    } else {
      const base = pick(bases)
      const chained = roles.length > 0 && kind > 0.8
      if (kind < 0.15) push(`include_profile = ${fragment}`)
      else push(`source_profile = ${chained ? pick(roles) : base.name}`)
      push(`role_arn = arn:aws:iam::${account()}:role/${pick(ROLES)}`)
      if (!chained && kind >= 0.15 && kind < 0.6) push(`mfa_serial = ${base.mfa}`)
      if (kind < 0.4) push(`duration_seconds = ${pick([900, 1800, 3600, 7200, 43200])}`)
      if (kind > 0.5) push(`region = ${pick(REGIONS)}${kind > 0.95 ? ' # primary region' : ''}`)
      if (kind > 0.3) push(`color = ${pick(COLOURS)}`)
      if (kind > 0.7 && kind < 0.75) push('external_id = partner-7f3a')
      if (kind > 0.6 && kind < 0.65) push('role_session_name = alice')
      if (!chained) roles.push(name)
    }
    if (errorBudget > 0 && i > 0 && i % 7 === 0) {
      const which = 4 - errorBudget
      if (which === 0) {
        push('output = json')
        mark('duplicate-key', 'output = text')
      }
      if (which === 1) mark('no-delimiter', 'this line has no equals sign')
      if (which === 2) {
        push('s3 =', '  max_concurrent_requests = 10')
        mark('bad-subsection', '  addressing_style path')
      }
      if (which === 3) {
        push('')
        mark('duplicate-section', `[profile ${name}]`)
        push('output = text')
      }
      errorBudget--
    }
    push('')
  }
  return finish()

  function finish(): GeneratedConfig {
    push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '')
    return { text: lines.join('\n'), names, errors }
  }
}
