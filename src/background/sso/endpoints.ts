// Where an instance's OIDC and portal calls go: AWS's own hosts for its region (the build holds a host
// permission for each). Tests against the stand-in's loopback address pass their own.
import { ssoHosts } from '../../core/aws/partition'

export interface SsoEndpoints {
  oidc: string
  portal: string
}

export function awsSsoEndpoints(region: string): SsoEndpoints {
  const hosts = ssoHosts(region)
  return { oidc: `https://${hosts.oidc}`, portal: `https://${hosts.portal}` }
}
