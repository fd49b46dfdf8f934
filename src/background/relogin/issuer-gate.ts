// Who may start a re-login through the Issuer link. Any web page can navigate its own tab to the Issuer
// address (no user gesture is needed), so reaching it proves nothing. Rolecall signs a tab in again only when
// all of these hold, checked here before any AWS call, prompt or change to what is tracked:
// - the tab is one Rolecall tracks, for the profile the link names;
// - the link carries the per-login value Rolecall stored with that profile's latest sign-in;
// - in Firefox, the tab is in that profile's own container;
// - the vault is unlocked.
import type { IssuerLink } from '../../core/login/sessions'
import type { TabInfo } from '../../platform/tabs'
import type { CookieJarPolicy } from '../jars/policy'
import type { TrackedSession } from '../console/tracked'

export interface IssuerVisit {
  link: IssuerLink
  tab: TabInfo | undefined
  /** The tracked session that holds this tab, if any. */
  tracked: TrackedSession | undefined
  unlocked: boolean
}

/** How long after a sign-in a second report of the Issuer visit that started it is recognised as such. */
const SAME_VISIT_MS = 60_000

/**
 * Whether this visit carries the value the tab's latest sign-in replaced, moments after that sign-in: a browser
 * reporting the visit that started it a second time. It is ignored (no call, no navigation): the tab is already
 * on its way to the console.
 */
export function isReportOfLastSignIn(tracked: TrackedSession, link: IssuerLink, now: number): boolean {
  return (
    tracked.profile === link.profile &&
    tracked.replacedIssuerToken !== undefined &&
    link.token === tracked.replacedIssuerToken &&
    now - tracked.signedInAt < SAME_VISIT_MS
  )
}

/** Why Rolecall will not sign this tab in, in words for the page; undefined when it may. */
export async function issuerRefusal(
  { link, tab, tracked, unlocked }: IssuerVisit,
  jars: CookieJarPolicy,
): Promise<string | undefined> {
  if (!tab || !tracked)
    return 'This tab is not a console that Rolecall opened, so Rolecall did not sign it in. Open the profile from the Rolecall toolbar button.'
  if (tracked.profile !== link.profile)
    return `This tab holds the console of "${tracked.profile}", not of the profile the link names, so Rolecall did not sign it in.`
  if (!tracked.issuerToken || link.token !== tracked.issuerToken) {
    return 'This link is out of date or was not made by Rolecall, so Rolecall did not sign this tab in. Open the profile from the Rolecall toolbar button.'
  }
  // Only containers keep a profile's cookies apart: in Chrome's one jar every tab passes this check.
  if (!(await jars.holdsTab(tracked.profile, tab)))
    return `This tab is not in the container of "${tracked.profile}", so Rolecall did not sign it in.`
  if (!unlocked)
    return 'Rolecall is locked, so it did not sign this tab in. Unlock Rolecall, then open the profile from its toolbar button.'
  return undefined
}
