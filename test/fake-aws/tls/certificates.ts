// A certificate authority made for this run and one leaf certificate for every AWS name the stand-in serves,
// minted by the system's openssl. Browsers trust the leaf only through the run's own means (Chromium: the leaf's
// SPKI hash; Firefox: the session's acceptInsecureCerts), never a system store, so nothing made here is
// trusted outside the run. Made once per process and kept in .tmp/ (the key never leaves this machine).
import { execFileSync } from 'node:child_process'
import { createHash, createPublicKey } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { awsHostNames } from './aws-hosts'

export interface StandInCertificate {
  /** PEM of the run's CA (a client that wants real verification trusts this). */
  caPem: string
  /** PEM of the leaf (CA-signed, every name of awsHostNames() as a subject alternative name) and its key. */
  certPem: string
  keyPem: string
  /** base64 sha256 of the leaf's SubjectPublicKeyInfo: Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string
  /** The names the leaf covers. */
  names: readonly string[]
}

const OPENSSL = '/usr/bin/openssl'
const TMP_DIR = path.resolve(import.meta.dirname, '../../../.tmp')

let made: StandInCertificate | undefined

export function standInCertificate(): StandInCertificate {
  made ??= mint(awsHostNames())
  return made
}

function mint(names: readonly string[]): StandInCertificate {
  mkdirSync(TMP_DIR, { recursive: true })
  const dir = mkdtempSync(path.join(TMP_DIR, 'fake-aws-tls-'))
  const file = (name: string) => path.join(dir, name)
  const openssl = (...args: string[]) => execFileSync(OPENSSL, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-days',
    '7',
    '-subj',
    `/CN=Rolecall test CA ${path.basename(dir)}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  openssl('req', ...ec, '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', '/CN=AWS stand-in')
  writeFileSync(
    file('leaf.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
    ].join('\n'),
  )
  openssl(
    'x509',
    '-req',
    '-in',
    file('leaf.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '7',
    '-extfile',
    file('leaf.ext'),
    '-out',
    file('leaf.crt'),
  )
  const keyPem = readFileSync(file('leaf.key'), 'utf8')
  const spki = createPublicKey(keyPem).export({ type: 'spki', format: 'der' })
  return {
    caPem: readFileSync(file('ca.crt'), 'utf8'),
    certPem: readFileSync(file('leaf.crt'), 'utf8'),
    keyPem,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    names,
  }
}
