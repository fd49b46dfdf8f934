// Where an instance's OIDC and portal calls go: AWS's own hosts for its region (the build holds a host
// permission for each region it knows). Tests against the stand-in's loopback address pass their own.
import { knownRegions, ssoHosts } from '../../core/aws/partition'
import { hasHostPermission } from '../../platform/permissions'
import { RolecallFailure } from '../../shared/protocol'

export interface SsoEndpoints {
  oidc: string
  portal: string
}

export function awsSsoEndpoints(region: string): SsoEndpoints {
  const hosts = ssoHosts(region)
  return { oidc: `https://${hosts.oidc}`, portal: `https://${hosts.portal}` }
}

/**
 * Throws 'permission-missing' when the instance's region is newer than this build: the store build holds a host
 * permission for each region it knows (scripts/manifest-for.ts), and a call without one fails as if the network
 * were down. Known regions ask the browser nothing.
 */
export async function requireSsoPermission(region: string): Promise<void> {
  if (knownRegions().includes(region)) return
  for (const host of Object.values(ssoHosts(region))) {
    if (await hasHostPermission(`https://${host}/`)) continue
    throw new RolecallFailure(
      'permission-missing',
      `IAM Identity Center in ${region} is in a region this version of Rolecall does not know, so it has no permission to reach ${host} and sent nothing. A version of Rolecall that knows ${region} can sign in there.`,
    )
  }
}
