// Checks made before a login sends anything: the custom endpoints' hosts are still granted (the user may
// have withdrawn a permission in the browser's settings), AWS's own STS host is granted in a region newer than
// this build, and the per-login value of the Issuer link.
import type { CustomEndpoints } from '../../core/settings'
import { unlistedStsHost, type AwsTarget } from '../../core/aws/partition'
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

/**
 * Throws 'permission-missing' when the login would call AWS STS in a region this build does not know: the store
 * build holds a host permission for each region it knows (scripts/manifest-for.ts), and a call without one fails
 * as if the network were down. Checked before any MFA prompt, so nobody types a code for a login that cannot go.
 */
export async function requireStsPermission(profile: string, target: AwsTarget): Promise<void> {
  const host = unlistedStsHost(target)
  if (!host || (await hasHostPermission(`https://${host}/`))) return
  throw new RolecallFailure(
    'permission-missing',
    `Profile "${profile}" signs in through AWS STS in ${target.region}, a region this version of Rolecall does not know, so it has no permission to reach ${host} and sent nothing. Set the profile's region to one Rolecall knows, or save https://${host} as the STS endpoint in Options → Settings → Custom endpoints (it then serves every profile; saving asks the browser for that permission).`,
  )
}

/** 128 random bits, URL-safe: unguessable, so a page cannot forge an Issuer link that Rolecall honours. */
export function newIssuerToken(): string {
  return toBase64(randomBytes(16)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
