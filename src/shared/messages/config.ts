// Importing ~/.aws/config: preview a pasted text (with what would change), apply it, read what is stored.
// No message carries a key: the config's profiles are names, ARNs and display hints; keys go to the vault
// through keys.importCredentials.
import type { ConfigDiagnostic } from '../../core/config/diagnostics'
import type { ImportDiff, ProfileRecord } from '../../core/config/import/diff'
import type { PreviewRow } from '../../core/config/import/preview'
import { empty, int, type MessageDeclarations, type MessageTypes, object, returns, text } from '../schema'

export type { ConfigDiagnostic, ImportDiff, PreviewRow, ProfileRecord }

export interface ConfigPreview {
  rows: PreviewRow[]
  /** Diagnostics outside any profile section. */
  fileDiagnostics: ConfigDiagnostic[]
  errorCount: number
  warningCount: number
  /** Profiles whose base keys the usable profiles need, and those of them with no key in the vault yet. */
  baseProfiles: string[]
  missingKeys: string[]
  /** What applying would change in the stored import; absent before the first import. */
  diff?: ImportDiff
  /** The stored import this preview was compared with (its importedAt; 0 when there is none), for config.apply. */
  basedOn: number
  /** Keys in the vault that no profile of this config would use. They are kept: deleting is the user's call. */
  unusedKeys: string[]
}

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

/** A ~/.aws/config of 10,000 profiles is about 2 MB; 5 MB leaves room without letting a page exhaust memory. */
export const CONFIG_TEXT_MAX = 5 * 1024 * 1024

const configText = text(CONFIG_TEXT_MAX)

export const configMessages = {
  'config.preview': { request: object({ text: configText }), response: returns<ConfigPreview>() },
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
