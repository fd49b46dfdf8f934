// Warnings about a profile as resolved (not as written): values it takes from [default], names that point
// nowhere, role ARNs and durations STS will refuse, MFA asked more than once. Each says what to change.
import { parseRoleArn } from './account'
import type { ConsoleAccess } from './classify'
import type { ConfigDiagnostic } from '../diagnostics'
import { type ResolutionDetail, setFields } from '../resolve/resolve'
import { vaultConfigOf } from '../resolve/vault-config'
import type { ParsedConfig } from '../types'

const MIN_DURATION = 900
const MAX_DURATION = 43_200
const CHAINED_MAX_DURATION = 3600

export function resolutionWarnings(
  config: ParsedConfig,
  detail: ResolutionDetail,
  access: ConsoleAccess,
  line: number,
): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = []
  const warn = (message: string, at = line): void => {
    out.push({ line: at, severity: 'warning', message })
  }
  const p = detail.profile
  const fromDefault = setFields(detail)
    .filter(([, field]) => field.from === 'default')
    .map(([key]) => key)
  if (p.name !== 'default' && fromDefault.length > 0) {
    warn(
      `Takes ${fromDefault.join(', ')} from [default] (aws-vault fills every unset value from [default] unless the profile has include_profile). Set ${fromDefault.length === 1 ? 'it' : 'them'} in this profile if that is not what you want.`,
    )
  }
  for (const missing of detail.missingIncludes) {
    warn(
      `include_profile = ${missing} names a profile that is not in the config, so nothing is included from it. Fix the name or add [profile ${missing}].`,
    )
  }
  if (p.roleArn && !parseRoleArn(p.roleArn)?.valid) {
    warn(
      `role_arn ${JSON.stringify(p.roleArn)} is not a valid IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>); STS will refuse it.`,
    )
  }
  const durationLine = detail.durationLine ?? line
  if (
    detail.field('duration_seconds') !== undefined &&
    p.durationSeconds !== undefined &&
    (p.durationSeconds < MIN_DURATION || p.durationSeconds > MAX_DURATION)
  ) {
    warn(
      `duration_seconds = ${p.durationSeconds} is outside what STS allows (${MIN_DURATION} to ${MAX_DURATION}); the login will fail. Use a value in that range.`,
      durationLine,
    )
  }
  if (access.kind === 'role') {
    access.chain.forEach((hop, index) => {
      if (index > 0 && (hop.durationSeconds ?? 0) > CHAINED_MAX_DURATION) {
        const whose = hop.profile === p.name ? 'this role' : `role "${hop.profile}"`
        warn(
          `duration_seconds = ${hop.durationSeconds} is too long for ${whose}: it is assumed with another role's credentials (role chaining), which AWS limits to ${CHAINED_MAX_DURATION} seconds.`,
          hop.profile === p.name ? durationLine : line,
        )
      }
    })
    const serials = new Set(access.chain.map((h) => h.mfaSerial).filter((s): s is string => s !== undefined))
    const mfaHops = access.chain.filter((h) => h.mfaSerial).length
    if (mfaHops > 1) {
      warn(
        `${mfaHops} roles in the chain ask for an MFA code (${[...serials].join(', ')}); a code can be used only once, so signing in needs ${mfaHops} codes. Usually only the first role needs mfa_serial.`,
      )
    }
    const base = access.baseProfile
    const vault = vaultConfigOf(config)
    if (base === 'default' ? !vault.profiles.has(base) : !vault.hasProfile(base)) {
      warn(
        `The keys come from profile "${base}", which has no section in the config; Rolecall uses the keys stored in the vault under "${base}".`,
      )
    }
  }
  if (p.roleArn && access.kind === 'federation') {
    warn(
      `role_arn is not used: the credentials come from credential_process (aws-vault for "${access.baseProfile}"), which aws-vault hands out as they are.`,
    )
  }
  return out
}
