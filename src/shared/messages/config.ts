// Importing ~/.aws/config: the page previews a pasted text itself (core/config/import/report.ts) with the
// names of the keys in the vault; applying it, and reading what is stored, go through the background.
// No message carries a key: the config's profiles are names, ARNs and display hints; keys go to the vault
// through keys.importCredentials.
import type { ConfigDiagnostic } from '../../core/config/diagnostics'
import type { ImportDiff, ProfileRecord } from '../../core/config/import/diff'
import type { PreviewRow } from '../../core/config/import/preview'
import { CONFIG_TEXT_MAX, type ConfigPreview } from '../../core/config/import/report'
import { empty, int, type MessageDeclarations, type MessageTypes, object, returns, text } from '../schema'

export type { ConfigDiagnostic, ConfigPreview, ImportDiff, PreviewRow, ProfileRecord }

export interface ConfigApplied {
  importedAt: number
  profileCount: number
  diff: ImportDiff
  unusedKeys: string[]
  /** Lines whose secret values were removed before the text was stored. */
  secretLinesRemoved: number
}

export interface StoredConfig {
  importedAt: number | null
  /** The stored text (secret values removed), to edit and re-import. */
  text: string
  profileCount: number
}

export { CONFIG_TEXT_MAX }

const configText = text(CONFIG_TEXT_MAX)

export const configMessages = {
  /** Profiles with a key in the vault ([] before there is a vault), for the preview's missing and unused keys. */
  'config.keyProfiles': { request: empty(), response: returns<{ profiles: string[] }>() },
  /** Stores the config; refused with "conflict" if the stored import is no longer the one previewed. */
  'config.apply': {
    request: object({
      text: configText,
      basedOn: int(0, Number.MAX_SAFE_INTEGER, 'the basedOn of the preview (0 before the first import)'),
    }),
    response: returns<ConfigApplied>(),
  },
  'config.stored': { request: empty(), response: returns<StoredConfig>() },
  /** The imported profiles (no diagnostics): for lists and pickers. */
  'config.profiles': {
    request: empty(),
    response: returns<{ importedAt: number | null; profiles: ProfileRecord[] }>(),
  },
} satisfies MessageDeclarations

export type ConfigMessages = MessageTypes<typeof configMessages>
