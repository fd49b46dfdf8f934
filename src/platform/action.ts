// The toolbar button's badge: how many consoles are live, or "!" when one waits for an MFA code.
import { browser } from './browser'

export async function setBadge(text: string, colour: string): Promise<void> {
  await browser.action.setBadgeText({ text })
  if (text) await browser.action.setBadgeBackgroundColor({ color: colour })
}
