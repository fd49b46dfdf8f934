// Background entry: wiring only. A Chrome service worker (or Firefox event page) may be stopped at any
// time, so nothing here keeps state in module variables; listeners are registered synchronously at start.
import { createRouter } from './router'
import { allHandlers } from './handlers'
import { createServices } from './services'
import { watchClipboard } from './clipboard-browser'
import { extensionBaseUrl, extensionId, onMessage } from '../platform/runtime'
import { toWire } from '../shared/protocol'

const services = createServices()
const dispatch = createRouter(allHandlers(services), {
  extensionId: extensionId(),
  extensionBaseUrl: extensionBaseUrl(),
  onInternalError: (name, error) =>
    console.error(`Rolecall: "${name}" failed:`, error instanceof Error ? error.name : 'error'),
})
onMessage((message, sender) => dispatch(message, sender).then(toWire))
watchClipboard()
