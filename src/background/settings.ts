// Settings live in storage.local (non-secret). Reading falls back to defaults field by field.
//
// storage.local is not Rolecall's alone to write: a content script (in Chrome), DevTools at a locked browser or
// a tool with the profile folder can change it. The custom endpoints decide where credentials are sent, so
// they carry a tag (an HMAC under a key derived from the vault's data key) written only when the user saves
// them with the vault unlocked and the passphrase typed again. A login uses them only while the tag matches;
// no custom endpoint needs no tag (AWS's own hosts are the safe default).
import {
  hasCustomEndpoints,
  endpointsText,
  settingsFromStorage,
  updateSettings,
  SettingsError,
  type CustomEndpoints,
  type Settings,
} from '../core/settings'
import { RolecallFailure } from '../shared/protocol'
import { withLock } from './locks'
import { storageLocal } from './storage-keys'
import type { VaultService } from './vault'
import type { EndpointNotice } from '../shared/messages/settings'

const KEY = 'settings'
const ENDPOINTS_TAG_KEY = 'endpointsTag'
const ENDPOINTS_MAC_PURPOSE = 'settings/endpoints'

/** The stored settings, unauthenticated: for display and timing. Logins read endpoints through trustedEndpoints. */
export async function readSettings(): Promise<Settings> {
  return settingsFromStorage(await storageLocal.read(KEY))
}

function validated(current: Settings, patch: Record<string, unknown>): Settings {
  try {
    return updateSettings(current, patch)
  } catch (error) {
    if (error instanceof SettingsError) throw new RolecallFailure('bad-request', error.message)
    throw error
  }
}

/** Every setting but the endpoints; those change only through writeEndpoints. */
export async function writeSettings(patch: Record<string, unknown>): Promise<Settings> {
  if (Object.hasOwn(patch, 'endpoints')) {
    throw new RolecallFailure(
      'bad-request',
      'Custom endpoints are saved on their own, with your passphrase (Options → Settings → Custom endpoints).',
    )
  }
  return withLock(KEY, async () => {
    const next = validated(await readSettings(), patch)
    await storageLocal.write(KEY, next)
    return next
  })
}

/** Saves the endpoints with their tag. The caller has checked the unlocked vault and the passphrase. */
export function writeEndpoints(endpoints: Record<string, unknown>, vault: VaultService): Promise<Settings> {
  return withLock(KEY, async () => {
    const next = validated(await readSettings(), { endpoints })
    if (hasCustomEndpoints(next.endpoints))
      await storageLocal.write(ENDPOINTS_TAG_KEY, await vault.mac(ENDPOINTS_MAC_PURPOSE, endpointsText(next.endpoints)))
    else await storageLocal.remove(ENDPOINTS_TAG_KEY)
    await storageLocal.write(KEY, next)
    return next
  })
}

/** Whether the stored custom endpoints carry a matching tag; needs the unlocked vault. */
export async function endpointsAuthentic(endpoints: CustomEndpoints, vault: VaultService): Promise<boolean> {
  if (!hasCustomEndpoints(endpoints)) return true
  return vault.macMatches(ENDPOINTS_MAC_PURPOSE, endpointsText(endpoints), await storageLocal.read(ENDPOINTS_TAG_KEY))
}

/**
 * The endpoints a login may send credentials to. Throws, before any AWS call, when custom endpoints were
 * changed outside Rolecall (their tag does not match).
 */
export async function trustedEndpoints(settings: Settings, vault: VaultService): Promise<CustomEndpoints> {
  if (await endpointsAuthentic(settings.endpoints, vault)) return settings.endpoints
  throw new RolecallFailure(
    'tampered',
    "Rolecall's custom endpoints were changed outside Rolecall, so it will not send credentials to them. " +
      "Open Options → Settings, check the custom endpoints and save them again with your passphrase (or clear them to use AWS's own).",
  )
}

/** The custom endpoints in force, for the popup's notice; undefined when AWS's own hosts are used. */
export async function endpointNotice(vault: VaultService): Promise<EndpointNotice | undefined> {
  const { endpoints } = await readSettings()
  if (!hasCustomEndpoints(endpoints)) return undefined
  if ((await vault.state()) !== 'unlocked') return { ...endpoints }
  return { ...endpoints, authentic: await endpointsAuthentic(endpoints, vault) }
}
