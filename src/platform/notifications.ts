// System notifications: used only to say that a console needs an MFA code to stay signed in.
import { browser } from './browser'

export async function notify(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title,
    message,
  })
}

export async function clearNotification(id: string): Promise<void> {
  await browser.notifications.clear(id)
}
