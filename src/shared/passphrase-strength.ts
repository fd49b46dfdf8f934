// Passphrase feedback, shared by the options page (live feedback) and the vault core (which enforces it).
// Pure and rough by design: it estimates guessing effort from length and character variety, and catches the
// obvious weak patterns. The floor is 10 characters: PBKDF2 at 600,000 iterations slows each guess, but only a
// long passphrase makes an offline attack on a stolen profile folder hopeless; 10 is short enough to type at
// every unlock and, with a mix of characters, ~60 bits.

export const MIN_PASSPHRASE_LENGTH = 10
export const MAX_PASSPHRASE_LENGTH = 1024

export interface PassphraseAssessment {
  ok: boolean
  /** 0 (very weak) … 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4
  message: string
}

const COMMON = [
  'password',
  'passwort',
  'qwerty',
  'azerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'rolecall',
  'amazon',
  'secret',
  '123456',
  'abc123',
]

function poolSize(p: string): number {
  let pool = 0
  if (/[a-z]/.test(p)) pool += 26
  if (/[A-Z]/.test(p)) pool += 26
  if (/[0-9]/.test(p)) pool += 10
  if (/[^A-Za-z0-9]/.test(p)) pool += 33
  return Math.max(pool, 1)
}

/** Characters that add little: repeats of the previous one, or steps in a run like "abcd" / "4321". */
function predictableCount(chars: string[]): number {
  let count = 0
  for (let i = 1; i < chars.length; i++) {
    const step = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!
    if (step === 0 || step === 1 || step === -1) count++
  }
  return count
}

export function assessPassphrase(passphrase: string): PassphraseAssessment {
  const chars = [...passphrase]
  if (chars.length === 0) return { ok: false, score: 0, message: 'Enter a passphrase.' }
  if (chars.length > MAX_PASSPHRASE_LENGTH)
    return { ok: false, score: 0, message: `At most ${MAX_PASSPHRASE_LENGTH} characters.` }
  if (passphrase.trim() !== passphrase)
    return { ok: false, score: 0, message: 'Leading or trailing spaces are easy to lose: remove them.' }
  if (chars.length < MIN_PASSPHRASE_LENGTH) {
    return {
      ok: false,
      score: 0,
      message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters (${MIN_PASSPHRASE_LENGTH - chars.length} more).`,
    }
  }
  const lower = passphrase.toLowerCase()
  const common = COMMON.find((word) => lower.includes(word))
  const distinct = new Set(chars).size
  const effective = Math.max(1, chars.length - predictableCount(chars))
  let bits = effective * Math.log2(poolSize(passphrase))
  if (common) bits -= common.length * 4
  if (distinct <= 3) bits = Math.min(bits, 20)
  const score = (bits < 35 ? 0 : bits < 50 ? 1 : bits < 65 ? 2 : bits < 85 ? 3 : 4) as PassphraseAssessment['score']
  if (score === 0) {
    const why =
      distinct <= 3
        ? 'it repeats too few characters'
        : common
          ? 'it is built on a common word'
          : 'it is too predictable'
    return { ok: false, score, message: `Too easy to guess: ${why}. Try a few unrelated words.` }
  }
  const message =
    score === 1
      ? 'Weak: longer is better — add a word or two.'
      : score === 2
        ? 'Fair. A few more characters or another word would make it strong.'
        : score === 3
          ? 'Good.'
          : 'Strong.'
  return { ok: true, score, message }
}
