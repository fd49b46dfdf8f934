// Rolecall's one crypto module: the only code that calls crypto.subtle. Hazardous material: callers get
// small named operations and never pick algorithms, IVs or key usages themselves.
export { randomBytes, utf8, fromUtf8, toBase64, fromBase64, wipe } from './bytes'
export {
  deriveKek,
  generateDataKey,
  wrapDataKey,
  unwrapDataKey,
  importDataKey,
  sha256,
  DATA_KEY_BYTES,
  SALT_BYTES,
  IV_BYTES,
  GCM_TAG_BYTES,
  type WrappedKey,
} from './keys'
export { sealRecord, openRecord, recordAad, type SealedBytes } from './seal'
export { deriveMacKey, macOf, macMatches } from './mac'
export { newPkcePair, newOAuthState, pkceChallenge, type PkcePair } from './pkce'
