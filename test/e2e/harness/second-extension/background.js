// A foreign extension for Rolecall's security tests: it tries to call Rolecall's background the way any other
// installed extension could, and reports what came back. It asks for no permission at all.
const api = globalThis.browser ?? globalThis.chrome

// Open our own page once, so a test can find this extension's origin (Firefox gives it a random UUID).
api.runtime.onInstalled.addListener(() => {
  api.tabs.create({ url: api.runtime.getURL('probe.html'), active: false })
})

// { probe: { target, payload } } from our own page: send `payload` to the extension `target`, answer with its reply.
api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!message || typeof message !== 'object' || !message.probe) return undefined
  const { target, payload } = message.probe
  const describe = (error) => String((error && error.message) || error)
  try {
    Promise.resolve(api.runtime.sendMessage(target, payload)).then(
      (reply) => sendResponse({ reply: reply === undefined ? null : reply }),
      (error) => sendResponse({ error: describe(error) }),
    )
  } catch (error) {
    sendResponse({ error: describe(error) })
    return false
  }
  return true
})
