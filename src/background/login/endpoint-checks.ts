// Checks made before a login sends anything: the custom endpoints' hosts are still granted (the user may
// have withdrawn a permission in the browser's settings), and the per-login value of the Issuer link.
import type { CustomEndpoints } from '../../core/settings'
import { randomBytes, toBase64 } from '../../core/crypto'
import { hasHostPermission } from '../../platform/permissions'
import { RolecallFailure } from '../../shared/protocol'

/** Throws 'permission-missing' when a custom STS or sign-in endpoint's host is no longer granted. */
export async function requireEndpointPermissions(endpoints: CustomEndpoints): Promise<void> {
  const called = [
    ['STS endpoint', endpoints.stsEndpoint],
    ['sign-in endpoint', endpoints.signinEndpoint],
  ] as const
  for (const [what, url] of called) {
    if (!url || (await hasHostPermission(url))) continue
    throw new RolecallFailure(
      'permission-missing',
      `Rolecall no longer has the browser's permission to reach ${new URL(url).host} (your custom ${what}), so it sent nothing. Save the custom endpoints again in Options → Settings to grant it, or clear them to use AWS's own.`,
    )
  }
}

/** 128 random bits, URL-safe: unguessable, so a page cannot forge an Issuer link that Rolecall honours. */
export function newIssuerToken(): string {
  return toBase64(randomBytes(16)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
