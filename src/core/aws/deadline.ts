// Every AWS call Rolecall makes has a deadline: a request that hangs (a captive portal, a dead proxy) must end
// with a message the user can act on, not a spinner. The call gets a signal that aborts at the deadline, and
// its failure handler learns whether the deadline is what ended it.

/**
 * Runs `call` with a signal that aborts after `timeoutMs`. If it fails, `failed` turns the error (and whether
 * the deadline ran out) into the error to throw; `cleanup` runs either way.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
  failed: (error: unknown, timedOut: boolean) => Error,
  cleanup?: () => void,
): Promise<T> {
  const deadline = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    deadline.abort()
  }, timeoutMs)
  try {
    return await call(deadline.signal)
  } catch (error) {
    throw failed(error, timedOut)
  } finally {
    clearTimeout(timer)
    cleanup?.()
  }
}
