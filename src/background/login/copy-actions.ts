// The popup's copy actions: the one-time sign-in URL, or the `export` lines aws-vault exec sets. They never
// prompt (the popup row has no code field): they ride on a cached MFA session, or say how to get one.
import type { LoginResult } from '../../core/login/ports'
import { exportLines } from '../../core/aws/exports'
import { RolecallFailure } from '../../shared/protocol'
import type { VaultService } from '../vault'
import { NeedsMfaCode } from './ports'
import { signIn } from './sign-in'
import { NeedsSsoSignIn } from '../sso/tokens'

export async function signinUrlFor(
  vault: VaultService,
  profile: string,
): Promise<{ status: 'url'; url: string; expiresAt: number }> {
  const result = await signInForCopy(vault, profile)
  return { status: 'url', url: result.url, expiresAt: result.expiresAt }
}

export async function exportLinesFor(
  vault: VaultService,
  profile: string,
): Promise<{ status: 'exports'; text: string; expiresAt: number }> {
  const result = await signInForCopy(vault, profile)
  return {
    status: 'exports',
    text: exportLines(result.credentials, result.region),
    expiresAt: result.credentials.expiration.getTime(),
  }
}

async function signInForCopy(vault: VaultService, profile: string): Promise<LoginResult> {
  if ((await vault.state()) !== 'unlocked') throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
  try {
    return (await signIn(vault, profile)).result
  } catch (error) {
    if (error instanceof NeedsMfaCode) {
      throw new RolecallFailure(
        'mfa-required',
        `"${profile}" needs an MFA code first: open it once, then copy again (no code is needed while the MFA session lasts).`,
      )
    }
    if (error instanceof NeedsSsoSignIn) {
      throw new RolecallFailure(
        'bad-request',
        `"${profile}" needs an Identity Center sign-in first: open it once (or sign in under Identity Center in the options), then copy again.`,
      )
    }
    throw error
  }
}
