// Shape checks for an IAM user's long-term access key before it is stored. Messages name the profile and
// say what is wrong and how to fix it; they never repeat the secret (not even part of it).
import { RolecallFailure } from '../../shared/protocol'
import { isValidProfileName, PROFILE_NAME_MAX } from './key-meta'
import type { BaseKey } from './records'

const LONG_TERM_KEY_ID = /^AKIA[A-Z0-9]{16}$/
const SECRET_CHARS = /^[A-Za-z0-9/+]*$/

/**
 * Why a key cannot be stored. checkBaseKey gives it back rather than throwing: a pasted credentials file
 * may hold thousands of bad keys (issue 15), and an Error with its stack trace for each was most of the cost.
 */
export class BaseKeyProblem {
  constructor(
    readonly message: string,
    /** The profile the message names (none when the name itself is what is wrong). */
    readonly profile?: string,
  ) {}

  failure(): RolecallFailure {
    return new RolecallFailure(
      'bad-request',
      this.message,
      this.profile === undefined ? undefined : { profile: this.profile },
    )
  }
}

function bad(profile: string, message: string): BaseKeyProblem {
  return new BaseKeyProblem(`Profile "${profile}": ${message}`, profile)
}

const BAD_NAME = new BaseKeyProblem(
  `A profile name must be 1–${PROFILE_NAME_MAX} characters with no control characters.`,
)

export function validateProfileName(profile: unknown): string {
  if (!isValidProfileName(profile)) throw BAD_NAME.failure()
  return profile
}

/** Trims surrounding whitespace (pasting often adds some) and returns the key, or throws a clear failure. */
export function validateBaseKey(profileInput: unknown, accessKeyIdInput: unknown, secretInput: unknown): BaseKey {
  const checked = checkBaseKey(profileInput, accessKeyIdInput, secretInput)
  if (checked instanceof BaseKeyProblem) throw checked.failure()
  return checked
}

/** validateBaseKey, with the problem given back instead of thrown. */
export function checkBaseKey(
  profile: unknown,
  accessKeyIdInput: unknown,
  secretInput: unknown,
): BaseKey | BaseKeyProblem {
  if (!isValidProfileName(profile)) return BAD_NAME
  if (typeof accessKeyIdInput !== 'string' || accessKeyIdInput.trim() === '')
    return bad(profile, 'the access key ID is empty.')
  if (typeof secretInput !== 'string' || secretInput.trim() === '')
    return bad(profile, 'the secret access key is empty.')
  const accessKeyId = accessKeyIdInput.trim()
  const secretAccessKey = secretInput.trim()
  if (accessKeyId.startsWith('ASIA')) {
    return bad(
      profile,
      'this is a temporary key (its ID starts with ASIA): it comes from STS, needs a session token and expires. ' +
        "Rolecall stores the IAM user's long-term access key, whose ID starts with AKIA.",
    )
  }
  if (!LONG_TERM_KEY_ID.test(accessKeyId)) {
    const why = !accessKeyId.startsWith('AKIA')
      ? 'it does not start with AKIA'
      : accessKeyId.length !== 20
        ? `it has ${accessKeyId.length} characters instead of 20`
        : 'it contains characters other than capital letters and digits'
    return bad(profile, `the access key ID must be AKIA followed by 16 capital letters or digits (${why}).`)
  }
  if (!SECRET_CHARS.test(secretAccessKey)) {
    const position = [...secretAccessKey].findIndex((c) => !SECRET_CHARS.test(c)) + 1
    return bad(
      profile,
      `the secret access key may only contain letters, digits, "/" and "+" (character ${position} is something else). Copy it again from the IAM console or your credentials file.`,
    )
  }
  if (secretAccessKey.length !== 40) {
    return bad(
      profile,
      `the secret access key must be exactly 40 characters; this one has ${secretAccessKey.length}. Copy it again in full.`,
    )
  }
  if (secretAccessKey === accessKeyId || secretAccessKey.includes(accessKeyId)) {
    return bad(profile, 'the secret access key field holds the access key ID. Paste the secret access key there.')
  }
  return { accessKeyId, secretAccessKey }
}
