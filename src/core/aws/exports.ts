// Shell `export` lines for a terminal: exactly the variables `aws-vault exec` sets for temporary credentials
// (v7 `cli/exec.go`), so scripts written for aws-vault work unchanged. The text holds secrets: it goes only to
// the clipboard, on an explicit click.
import type { TemporaryCredentials } from './sts'

/** POSIX single quotes: nothing inside is special except the quote itself, written as '\'' */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** RFC 3339 without fractional seconds, as Go's time.RFC3339 prints it (aws-vault's format). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function exportLines(credentials: TemporaryCredentials, region?: string): string {
  const vars: Array<[string, string]> = []
  if (region) vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region])
  vars.push(
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    // The pre-2014 name some old tools (boto 2) still read.
    ['AWS_SECURITY_TOKEN', credentials.sessionToken],
    ['AWS_SESSION_EXPIRATION', rfc3339(credentials.expiration)],
  )
  return vars.map(([name, value]) => `export ${name}=${shellQuote(value)}`).join('\n') + '\n'
}
