// An IAM Identity Center instance as Rolecall knows it: the portal's start URL and the region its OIDC and
// portal endpoints live in. One sign-in (one token) serves every account and role of an instance.
import { isRegionName } from '../region-name'

export interface SsoInstance {
  startUrl: string
  region: string
}

const START_URL_MAX = 512

/** The key a token and a registration are stored under: the same start URL in another region is another instance. */
export function instanceKey(instance: SsoInstance): string {
  return `${instance.region} ${instance.startUrl}`
}

/**
 * A start URL and region a user typed or a config named, checked: an https URL without user info, a known
 * region shape. Returns the message to show, or undefined when both are fine.
 */
export function instanceProblem(instance: { startUrl: unknown; region: unknown }): string | undefined {
  const { startUrl, region } = instance
  if (typeof region !== 'string' || !isRegionName(region))
    return 'The Identity Center region must be a region name such as eu-west-1 (sso_region in ~/.aws/config).'
  if (typeof startUrl !== 'string' || startUrl.length === 0 || startUrl.length > START_URL_MAX)
    return `The start URL must be the portal address your administrator gave you (at most ${START_URL_MAX} characters).`
  let url: URL
  try {
    url = new URL(startUrl)
  } catch {
    return 'The start URL is not a URL: it looks like https://d-1234567890.awsapps.com/start.'
  }
  if (url.protocol !== 'https:' || url.username || url.password)
    return 'The start URL must be an https:// address without a user name or password, such as https://d-1234567890.awsapps.com/start.'
  return undefined
}
