// Identity Center (SSO) profiles in the preview: what botocore (and so the AWS CLI) would refuse about them,
// with botocore's own words, on the line to change, and what to write there (docs/aws-protocol.md §7.1).
import type { ConfigDiagnostic } from '../diagnostics'
import { parsedIniOf, profileValue } from '../ini/profile-map'
import { parseErrorOf, ssoConfigOf } from '../resolve/sso-config'
import type { ParsedConfig } from '../types'

/**
 * Whether botocore's SSO provider serves the profile: it has sso_account_id or sso_role_name (its own or
 * [DEFAULT]'s). Read from the section, so a preview of 10,000 key-based profiles builds no botocore tables.
 */
export function usesSso(config: ParsedConfig, name: string): boolean {
  return (
    profileValue(config, name, 'sso_account_id') !== undefined ||
    profileValue(config, name, 'sso_role_name') !== undefined
  )
}

/**
 * botocore's refusal of the profile's Identity Center settings as an error diagnostic, or undefined where
 * botocore has none. A file that does not parse is already reported line by line, so it is not repeated here.
 */
export function ssoProblem(config: ParsedConfig, name: string, headerLine: number): ConfigDiagnostic | undefined {
  if (!usesSso(config, name) || parseErrorOf(config)) return undefined
  try {
    ssoConfigOf(config, name)
    return undefined
  } catch (error) {
    const botocore = (error as Error).message
    const { line, advice } = whereToFix(config, name, botocore, headerLine)
    const sentence = botocore.endsWith('.') ? botocore : `${botocore}.`
    return { line, severity: 'error', message: `${sentence} ${advice}` }
  }
}

/** The line botocore's complaint is about, and what to do there. */
function whereToFix(
  config: ParsedConfig,
  name: string,
  botocore: string,
  headerLine: number,
): { line: number; advice: string } {
  const keyLine = (key: string): number => lineOfKey(config, name, key) ?? headerLine
  const named = profileValue(config, name, 'sso_session')
  const session = typeof named === 'string' ? named : ''
  const unknown = /^The specified sso-session does not exist/.test(botocore)
  if (unknown) {
    return {
      line: keyLine('sso_session'),
      advice: `Add an [sso-session ${session}] section with sso_start_url and sso_region, or name one that exists.`,
    }
  }
  const differs = /^The value for (\S+) is inconsistent/.exec(botocore)
  if (differs) {
    return {
      line: keyLine(differs[1] as string),
      advice: `Remove ${differs[1]} from this profile: its sso-session "${session}" sets it.`,
    }
  }
  const missing = /missing required configuration: (.*)$/.exec(botocore)
  if (missing) {
    const keys = (missing[1] as string).split(', ')
    const inSession: string[] = session ? keys.filter((key) => key === 'sso_start_url' || key === 'sso_region') : []
    const inProfile = keys.filter((key) => !inSession.includes(key))
    const add = (list: string[], where: string): string => `add ${list.join(' and ')} to ${where}`
    const steps = [
      ...(inProfile.length > 0 ? [add(inProfile, 'this profile')] : []),
      ...(inSession.length > 0 ? [add(inSession, `[sso-session ${session}]`)] : []),
    ]
    const advice = steps.join(', and ')
    const line = inProfile.length > 0 ? headerLine : (lineOfSession(config, session) ?? headerLine)
    return { line, advice: `${advice.charAt(0).toUpperCase()}${advice.slice(1)}.` }
  }
  return { line: keyLine('sso_session'), advice: 'Set sso_session to the name of an [sso-session] section.' }
}

/** The line of a key the profile has, its own or from [DEFAULT]. */
function lineOfKey(config: ParsedConfig, name: string, key: string): number | undefined {
  const ini = parsedIniOf(config)
  return ini?.profiles.get(name)?.keys.get(key)?.line ?? ini?.raw.defaults?.keys.get(key)?.line
}

function lineOfSession(config: ParsedConfig, session: string): number | undefined {
  return parsedIniOf(config)?.ssoSessions.get(session)?.line
}
