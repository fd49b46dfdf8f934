// The import preview: one row per profile with what the options page shows (account, role, chain, MFA
// device, region, colour, whether and how it can open a console) and its diagnostics, by line. Values a
// profile takes from [default] are listed so the page can mark them: aws-vault's fallback surprises people.
import { type ConfigDiagnostic, sortDiagnostics } from '../diagnostics'
import { type ParsedIni, parseAwsConfig, parsedIniOf, profileValue } from '../ini/profile-map'
import type { IniSection } from '../ini/raw-ini'
import { colorValue, vaultValue } from '../resolve/go-ini-value'
import { ChainFailure, type ResolutionDetail, resolveDetailedOrFailure, setFields } from '../resolve/resolve'
import type { ParsedConfig } from '../types'
import { accountIdOfArn, parseRoleArn, partitionOfRegion } from './account'
import { type ConsoleAccess, baseProfilesOf, classifyResolution } from './classify'
import type { ProfileRecord } from './diff'
import { resolutionWarnings } from './preview-warnings'
import { ssoProblem } from './sso-check'

export interface PreviewRow extends ProfileRecord {
  /** Line of the profile's [header], when known. */
  line?: number
  diagnostics: ConfigDiagnostic[]
  /** Resolved config keys this profile took from another section → that section's profile name. */
  inherited: Record<string, string>
  /** The keys among them that came from [default] (aws-vault's fallback). */
  inheritedFromDefault: string[]
}

export interface ImportPreview {
  rows: PreviewRow[]
  /** Diagnostics outside any profile section (e.g. [DEFAULT], [sso-session], text before the first section). */
  fileDiagnostics: ConfigDiagnostic[]
  /** Every diagnostic, in line order. */
  diagnostics: ConfigDiagnostic[]
  /** Profiles whose base keys the usable rows need in the vault. */
  baseProfiles: string[]
  errorCount: number
  warningCount: number
}

export function buildPreview(text: string): ImportPreview {
  const config = parseAwsConfig(text)
  const locate = sectionLocator(parsedIniOf(config) as ParsedIni)
  const byProfile = new Map<string, ConfigDiagnostic[]>()
  const fileDiagnostics: ConfigDiagnostic[] = []
  for (const diagnostic of config.diagnostics) {
    const owner = locate.owner(diagnostic.line)
    if (owner !== undefined) {
      const list = byProfile.get(owner) ?? []
      list.push(diagnostic)
      byProfile.set(owner, list)
    } else fileDiagnostics.push(diagnostic)
  }
  const rows = locate.profiles.map(([name, section]) => buildRow(config, name, section.line, byProfile.get(name) ?? []))
  const diagnostics = sortDiagnostics([...fileDiagnostics, ...rows.flatMap((r) => r.diagnostics)])
  return {
    rows,
    fileDiagnostics,
    diagnostics,
    baseProfiles: baseProfilesOf(rows.map((r) => r.access)),
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  }
}

function buildRow(config: ParsedConfig, name: string, line: number, parseDiagnostics: ConfigDiagnostic[]): PreviewRow {
  const diagnostics = [...parseDiagnostics]
  const { detail, access, failure } = resolveForRow(config, name)
  if (failure !== undefined) diagnostics.push({ line, severity: 'error', message: failure })
  const sso = ssoProblem(config, name, line)
  if (sso) diagnostics.push(sso)
  const row: PreviewRow = {
    name,
    partition: 'aws',
    chain: [name],
    access,
    diagnostics,
    inherited: {},
    inheritedFromDefault: [],
    line,
  }
  const color = colorValue(profileValue(config, name, 'color'))
  if (color) row.color = color
  if (detail === undefined) return row
  const p = detail.profile
  if (p.region) row.region = p.region
  if (p.color) row.color = p.color
  row.chain = chainNames(detail, access)
  const arn = parseRoleArn(p.roleArn)
  if (p.roleArn) row.roleArn = p.roleArn
  if (arn) {
    row.accountId = arn.accountId
    row.roleName = arn.roleName
  }
  if (access.kind === 'sso' && !arn) {
    // The portal's role itself: its account and permission set name are what the console shows.
    row.accountId = access.sso.accountId
    row.roleName = access.sso.roleName
  }
  row.partition =
    arn?.partition ?? partitionOfRegion(p.region ?? (access.kind === 'sso' ? access.sso.ssoRegion : undefined))
  const firstMfa = access.kind === 'role' ? access.chain.find((h) => h.mfaSerial)?.mfaSerial : p.mfaSerial
  if (firstMfa) row.mfaSerial = firstMfa
  if (row.accountId === undefined && access.kind === 'federation') {
    // GetFederationToken opens the console in the IAM user's own account: its MFA device ARN names it.
    const account =
      accountIdOfArn(p.mfaSerial) ?? vaultValue(profileValue(config, access.baseProfile, 'aws_account_id'))
    if (account) row.accountId = account
  }
  for (const [key, { from }] of setFields(detail)) {
    if (from === name) continue
    row.inherited[key] = from
    if (from === 'default') row.inheritedFromDefault.push(key)
  }
  diagnostics.push(...resolutionWarnings(config, detail, access, line))
  sortDiagnostics(diagnostics)
  return row
}

/** The profile's resolution and how it can open a console; `failure`: why it cannot, as an error to list. */
function resolveForRow(
  config: ParsedConfig,
  name: string,
): { detail: ResolutionDetail | undefined; access: ConsoleAccess; failure?: string } {
  const detail = resolveDetailedOrFailure(config, name)
  if (detail instanceof ChainFailure)
    return { detail: undefined, access: { kind: 'unusable', reason: detail.reason }, failure: detail.reason }
  return { detail, access: classifyResolution(config, detail) }
}

function chainNames(detail: ResolutionDetail, access: ConsoleAccess): string[] {
  const names: string[] = []
  // Collected from the profile down, then turned round (unshift at each hop is quadratic in the chain).
  for (let node: ResolutionDetail | undefined = detail; node; node = node.source) names.push(node.profile.name)
  names.reverse()
  if (access.kind === 'sso') return names.slice(Math.max(0, names.indexOf(access.ssoProfile)))
  if (access.kind !== 'unusable') {
    const base = names.indexOf(access.baseProfile)
    if (base >= 0) return names.slice(base)
    // credential_process handing out another profile's keys: that profile starts the chain.
    return [access.baseProfile, ...names]
  }
  return names
}

interface Locator {
  /** botocore's profiles with their sections, in file order. */
  profiles: [string, IniSection][]
  owner(line: number): string | undefined
}

/** Maps lines to the profile whose section holds them, and lists profiles in file order. */
function sectionLocator(ini: ParsedIni): Locator {
  const ranges: [number, number, string][] = []
  ini.raw.sections.forEach((section, index) => {
    const found = ini.classes[index]
    if (found?.kind !== 'profile') return
    const lines = section.ranges
    for (let i = 0; i < lines.length; i += 2) ranges.push([lines[i] as number, lines[i + 1] as number, found.name])
  })
  ranges.sort((a, b) => a[0] - b[0])
  return {
    profiles: [...ini.profiles].sort((a, b) => a[1].line - b[1].line),
    owner(line) {
      let lo = 0
      let hi = ranges.length - 1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        const [from, to, name] = ranges[mid] as [number, number, string]
        if (line < from) hi = mid - 1
        else if (line > to) lo = mid + 1
        else return name
      }
      return undefined
    },
  }
}
