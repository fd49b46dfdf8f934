// Reading one cookie by name, as a given URL would receive it (Chrome: needs the `cookies` permission and a host
// permission for the URL; the browser's own default cookie store, which is Chrome's one jar).
import { browser } from './browser'

/** Values of the cookies named `name` that a request to each URL would carry; none where the API refuses. */
export async function cookieValues(urls: readonly string[], name: string): Promise<string[]> {
  const api = (browser as { cookies?: typeof browser.cookies }).cookies
  if (!api) return []
  const found = await Promise.all(
    urls.map((url) =>
      api.getAll({ url, name }).then(
        (cookies) => cookies.map((c) => c.value),
        () => [],
      ),
    ),
  )
  return found.flat()
}
