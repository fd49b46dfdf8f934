// Names AWS shows in the console header and in CloudTrail: the default RoleSessionName and the federated
// user name. Readable (the IAM user's own name, not a timestamp) and always valid for STS.

const SESSION_NAME_CHARS = /[^\w+=,.@-]/g
const FALLBACK = 'rolecall'

function clean(name: string | undefined): string {
  return (name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(SESSION_NAME_CHARS, '-')
    .replace(/-{2,}/g, '-')
}

/** RoleSessionName: `[\w+=,.@-]{2,64}`; the IAM user name where there is one. */
export function defaultRoleSessionName(iamUserName: string | undefined): string {
  const name = clean(iamUserName).slice(0, 64)
  if (name.length >= 2) return name
  return name ? `${name}-${FALLBACK}` : FALLBACK
}

/** GetFederationToken Name: `[\w+=,.@-]{2,32}` (aws-vault and granted truncate the user name to 32). */
export function federationName(iamUserName: string | undefined): string {
  const name = clean(iamUserName).slice(0, 32)
  if (name.length >= 2) return name
  return name ? `${name}-${FALLBACK}` : FALLBACK
}

/** A configured role_session_name that STS would reject is made valid rather than failing the login. */
export function validRoleSessionName(configured: string): string {
  return defaultRoleSessionName(configured)
}

/** The IAM user name from a GetCallerIdentity ARN (`arn:aws:iam::<acct>:user/<path/>name`); root → "root". */
export function iamUserNameFromArn(arn: string): string | undefined {
  const match = /^arn:[\w-]+:iam::\d{12}:(user\/(?:[^/]*\/)*([^/]+)|root)$/.exec(arn)
  if (!match) return undefined
  return match[2] ?? 'root'
}
