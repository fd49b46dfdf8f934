// Recognises a credential_process that runs aws-vault for a profile (docs/aws-protocol.md §6.6): `aws-vault exec P
// --json`, `aws-vault export --format=json P`, with --no-session, other flags, flags in any order, a path
// to the binary, or leading VAR=value assignments. Anything else is a command Rolecall cannot run.
import { shlexSplit } from '../ini/python-text'

/** Flags (global, exec, export) that take a value when written as "--flag value". */
const VALUE_FLAGS = new Set([
  '--duration',
  '-d',
  '--region',
  '--mfa-token',
  '-t',
  '--prompt',
  '--format',
  '--backend',
  '--keychain',
  '--secret-service-collection',
  '--pass-dir',
  '--pass-cmd',
  '--pass-prefix',
  '--file-dir',
  '--ec2-server-port',
])

const BINARY = /(^|[/\\])aws-vault(\.exe)?$/i

/** The profile whose vault keys the command hands out, or undefined if it is not such an aws-vault call. */
export function awsVaultProfileOf(command: string): string | undefined {
  const words = shlexSplit(command.replace(/\\/g, '/'))
  if (!words) return undefined
  let i = 0
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] as string)) i++
  if (!BINARY.test(words[i] ?? '')) return undefined
  i++
  let subcommand: string | undefined
  const positionals: string[] = []
  for (; i < words.length; i++) {
    const word = words[i] as string
    if (word === '--') {
      positionals.push(...words.slice(i + 1))
      break
    }
    if (word.startsWith('-') && word.length > 1) {
      if (!word.includes('=') && VALUE_FLAGS.has(word)) i++
      continue
    }
    if (subcommand === undefined) subcommand = word
    else positionals.push(word)
  }
  if (subcommand !== 'exec' && subcommand !== 'export') return undefined
  // Exactly the profile: `aws-vault exec P some-command` runs that command instead of printing keys.
  return positionals.length === 1 && positionals[0] !== '' ? positionals[0] : undefined
}
