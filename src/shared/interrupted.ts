// What a page says when its message got no answer: the browser stopped the background mid-request (Chrome may
// stop a service worker at any time; its pending reply is then lost) or could not start it. Every stored change
// the background makes is one transaction, so the user is told what was interrupted, that nothing is left
// half-done, and to check and retry.
import { RolecallFailure, type MessageName } from './protocol'

/** Changes, in the words of the screens that send them: each is stored all at once or not at all. */
const CHANGES: Partial<Record<MessageName, string>> = {
  'config.apply': 'importing the config',
  'vault.create': 'creating the vault',
  'vault.changePassphrase': 'changing the passphrase',
  'vault.importBackup': 'importing the backup',
  'keys.put': 'storing the key',
  'keys.delete': 'deleting the key',
  'keys.importCredentials': 'importing the keys',
}

const ACTIONS: Partial<Record<MessageName, string>> = {
  'login.open': 'opening the console',
  'login.submitMfa': 'signing in with your MFA code',
  'login.signinUrl': 'making the sign-in URL',
  'login.exportLines': 'getting the credentials to copy',
  'config.keyProfiles': 'checking the config',
  'vault.unlock': 'unlocking',
  'vault.exportBackup': 'exporting the backup',
}

/**
 * The reply channel closed with the request under way. Chrome: "…the message channel closed before a response
 * was received" (older: "The message port closed…"); Firefox: "Promised response from onMessage listener went
 * out of scope", "Message manager disconnected".
 */
const CLOSED =
  /(channel|port) closed before a response|before a response was received|went out of scope|message manager disconnected/i

export function interruptedCall(name: MessageName, error: unknown): RolecallFailure {
  const change = CHANGES[name]
  const action = change ?? ACTIONS[name] ?? 'handling this request'
  const reason = String((error as Error | undefined)?.message ?? error).slice(0, 200)
  if (CLOSED.test(reason)) {
    const outcome = change
      ? ' Nothing is left half-done: it happened completely or not at all. Check, then try again.'
      : ' Try again.'
    return new RolecallFailure(
      'internal',
      `The browser stopped Rolecall's background before it finished ${action}.${outcome}`,
      { interrupted: true },
    )
  }
  return new RolecallFailure(
    'internal',
    `Rolecall's background did not answer while ${action} (${reason}). Try again; if it keeps failing, reload the extension.`,
  )
}
