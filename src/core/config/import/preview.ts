// The import preview: one row per profile with what the options page shows (account, role, chain, MFA
// device, region, colour, whether and how it can open a console) and its diagnostics, by line. Values a
// profile takes from [default] are listed so the page can mark them: aws-vault's fallback surprises people.
import { accountIdOfArn, parseRoleArn, partitionOf } from './account'
import { type ConsoleAccess, baseProfilesOf, classifyResolution } from './classify'
import { type ConfigDiagnostic, sortDiagnostics } from '../diagnostics'
import type { ProfileRecord } from './diff'
import { getOwn } from '../own-property'
import { parseAwsConfig, parseMetaOf } from '../parse'
import { type ResolutionDetail, resolveDetailedOrFailure, setFields } from '../resolve'
import { ChainFailure } from '../chain-failure'
import { resolutionWarnings } from './preview-warnings'
import type { ParsedConfig } from '../types'
import { colorValue, vaultValue } from '../vault-value'

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
  return previewParsed(parseAwsConfig(text))
}

function previewParsed(config: ParsedConfig): ImportPreview {
  const locate = sectionLocator(config)
  const byProfile = new Map<string, ConfigDiagnostic[]>()
  const fileDiagnostics: ConfigDiagnostic[] = []
  for (const diagnostic of config.diagnostics) {
    const owner = locate.owner(diagnostic.line)
    if (owner !== undefined && getOwn(config.profiles, owner) !== undefined) {
      const list = byProfile.get(owner) ?? []
      list.push(diagnostic)
      byProfile.set(owner, list)
    } else fileDiagnostics.push(diagnostic)
  }
  const rows = locate.names.map((name) => buildRow(config, name, locate.headerLine(name), byProfile.get(name) ?? []))
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

function buildRow(
  config: ParsedConfig,
  name: string,
  line: number | undefined,
  parseDiagnostics: ConfigDiagnostic[],
): PreviewRow {
  const diagnostics = [...parseDiagnostics]
  const { detail, access, failure } = resolveForRow(config, name)
  if (failure !== undefined) diagnostics.push({ line: line ?? 1, severity: 'error', message: failure })
  const row: PreviewRow = {
    name,
    partition: 'aws',
    chain: [name],
    access,
    diagnostics,
    inherited: {},
    inheritedFromDefault: [],
  }
  if (line !== undefined) row.line = line
  const color = colorValue(getOwn(getOwn(config.profiles, name), 'color'))
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
  row.partition = partitionOf(p)
  const firstMfa = access.kind === 'role' ? access.chain.find((h) => h.mfaSerial)?.mfaSerial : p.mfaSerial
  if (firstMfa) row.mfaSerial = firstMfa
  if (row.accountId === undefined && access.kind === 'federation') {
    // GetFederationToken opens the console in the IAM user's own account: its MFA device ARN names it.
    const base = getOwn(config.profiles, access.baseProfile)
    const account = accountIdOfArn(p.mfaSerial) ?? vaultValue(getOwn(base, 'aws_account_id'))
    if (account) row.accountId = account
  }
  for (const [key, { from }] of setFields(detail)) {
    if (from === name) continue
    row.inherited[key] = from
    if (from === 'default') row.inheritedFromDefault.push(key)
  }
  diagnostics.push(...resolutionWarnings(config, detail, access, line ?? 1))
  sortDiagnostics(diagnostics)
  return row
}

/** The profile's resolution and how it can open a console; `failure`: why it cannot, as an error to list. */
function resolveForRow(
  config: ParsedConfig,
  name: string,
): { detail: ResolutionDetail | undefined; access: ConsoleAccess; failure?: string } {
  let detail: ResolutionDetail | undefined
  try {
    const resolved = resolveDetailedOrFailure(config, name)
    if (resolved instanceof ChainFailure)
      return { detail, access: { kind: 'unusable', reason: resolved.reason }, failure: resolved.reason }
    detail = resolved
    return { detail, access: classifyResolution(config, detail) }
  } catch (error) {
    const reason = (error as Error).message
    return { detail, access: { kind: 'unusable', reason }, failure: reason }
  }
}

function chainNames(detail: ResolutionDetail, access: ConsoleAccess): string[] {
  const names: string[] = []
  // Collected from the profile down, then turned round (unshift at each hop is quadratic in the chain).
  for (let node: ResolutionDetail | undefined = detail; node; node = node.source) names.push(node.profile.name)
  names.reverse()
  if (access.kind !== 'unusable') {
    const base = names.indexOf(access.baseProfile)
    if (base >= 0) return names.slice(base)
    // credential_process handing out another profile's keys: that profile starts the chain.
    return [access.baseProfile, ...names]
  }
  return names
}

interface Locator {
  names: string[]
  headerLine(name: string): number | undefined
  owner(line: number): string | undefined
}

/** Maps lines to the profile whose section holds them, and lists profiles in file order. */
function sectionLocator(config: ParsedConfig): Locator {
  const meta = parseMetaOf(config)
  if (!meta) {
    return { names: Object.keys(config.profiles), headerLine: () => undefined, owner: () => undefined }
  }
  const ranges: [number, number, string][] = []
  for (const section of meta.raw.sections) {
    if (section.kind === 'profile') {
      for (let i = 0; i < section.ranges.length; i += 2)
        ranges.push([section.ranges[i]!, section.ranges[i + 1]!, section.botoName])
    }
  }
  ranges.sort((a, b) => a[0] - b[0])
  const names = [...meta.profiles.entries()].sort((a, b) => a[1].line - b[1].line).map(([name]) => name)
  return {
    names,
    headerLine: (name) => meta.profiles.get(name)?.line,
    owner(line) {
      let lo = 0
      let hi = ranges.length - 1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        const [from, to, name] = ranges[mid]!
        if (line < from) hi = mid - 1
        else if (line > to) lo = mid + 1
        else return name
      }
      return undefined
    },
  }
}
