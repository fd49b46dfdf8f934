// Sends a raw protocol envelope from an extension page, exactly as src/shared/client.ts does, and returns the
// Reply: lets a test call any background handler without going through the UI.
import type { ExtPage } from './ext-page'
import type { MessageName, Reply, RequestOf } from '../../../src/shared/protocol'

export function callBackground<N extends MessageName>(
  page: ExtPage,
  name: N,
  request: RequestOf<N>,
): Promise<Reply<N>> {
  return page.evaluate(
    async ({ name, request }) => {
      type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> } }
      const g = globalThis as unknown as { browser?: Api; chrome?: Api }
      // Success values travel as one JSON string (see WireReply in src/shared/protocol.ts).
      const wire = (await (g.browser ?? g.chrome)!.runtime.sendMessage({ rolecall: 1, name, request })) as
        { ok: boolean; json?: string } | undefined
      return wire?.ok ? { ok: true, value: JSON.parse(wire.json!) } : wire
    },
    { name, request },
  ) as Promise<Reply<N>>
}
