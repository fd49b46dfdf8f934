// From a stored profile row to what the login core needs, plus the preferences from settings.
import { subjectFromAccess } from '../../core/login/adapt'
import type { LoginPreferences, LoginSubject } from '../../core/login/subject'
import type { PreviewRow } from '../../core/config/import/preview'
import type { Settings } from '../../core/settings'
import { RolecallFailure } from '../../shared/protocol'
import { readStoredImport } from '../config/stored-import'
import { discoveredRows, readDiscoveries } from '../sso/discovery'
import type { VaultService } from '../vault'

export interface LoginInput {
  row: PreviewRow
  subject: LoginSubject
}

export async function loginInput(profile: string, vault: VaultService): Promise<LoginInput> {
  // One read of the stored import serves the profile's row and its base profile's.
  const rows = (await readStoredImport())?.rows ?? []
  const row = rows.find((r) => r.name === profile) ?? (await discoveredRow(profile, rows))
  if (!row)
    throw new RolecallFailure(
      'not-found',
      `There is no profile "${profile.slice(0, 100)}". Import your ~/.aws/config again in the options.`,
    )
  const access = row.access
  if (access.kind === 'unusable')
    throw new RolecallFailure('bad-request', `Rolecall cannot open "${profile}": ${access.reason}`)
  if (access.kind === 'sso') {
    // No key in the vault: the Identity Center sign-in (sso/) provides the credentials.
    const subject = subjectFromAccess(access, { profile, ...(row.region ? { region: row.region } : {}) })
    if (!subject) throw new RolecallFailure('bad-request', `Rolecall cannot open "${profile}".`)
    return { row, subject }
  }
  const baseRow = rows.find((r) => r.name === access.baseProfile)
  const meta = (await vault.listKeys()).find((k) => k.profile === access.baseProfile)
  if (!meta) {
    throw new RolecallFailure(
      'not-found',
      `Rolecall has no access key for "${access.baseProfile}", the profile "${profile}" starts from. Add it in the options under Keys.`,
    )
  }
  const subject = subjectFromAccess(access, {
    profile,
    ...(row.region ? { region: row.region } : {}),
    ...(baseRow?.mfaSerial ? { baseMfaSerial: baseRow.mfaSerial } : {}),
    ...(row.mfaSerial ? { mfaSerial: row.mfaSerial } : {}),
    ...(meta.iamUserName ? { iamUserName: meta.iamUserName } : {}),
  })
  if (!subject) throw new RolecallFailure('bad-request', `Rolecall cannot open "${profile}".`)
  return { row, subject }
}

/** Settings → the login core's preferences. */
export function preferencesFor(profile: string, settings: Settings): LoginPreferences {
  const consoleSeconds = settings.consoleSessionSeconds[profile]
  return {
    mfaSessionSeconds: Math.round(settings.mfaSessionHours * 3600),
    ...(consoleSeconds ? { consoleSessionSeconds: consoleSeconds } : {}),
    refreshMarginSeconds: settings.refreshBeforeMinutes * 60,
    defaultRegion: settings.defaultRegion,
    endpoints: settings.endpoints,
  }
}

/** A role Identity Center listed (no config profile for it), by its popup name. */
async function discoveredRow(profile: string, imported: PreviewRow[]): Promise<PreviewRow | undefined> {
  const importedProfiles = imported.map((r) => ({
    name: r.name,
    kind: r.access.kind,
    chain: r.chain,
    ...(r.accountId ? { accountId: r.accountId } : {}),
    ...(r.roleName ? { roleName: r.roleName } : {}),
  }))
  return discoveredRows(await readDiscoveries(), importedProfiles).find((r) => r.name === profile)
}
