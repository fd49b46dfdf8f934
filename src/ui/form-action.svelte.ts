// What every form that sends one request to the background shares: one submit at a time (the button shows it
// is busy), and what the last attempt came to (its error in the background's words, or the form's own word
// that it worked) until the next attempt starts.

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

export class FormAction {
  busy = $state(false)
  failure = $state<string | undefined>()
  /** What a finished attempt says it did, for forms that say so (`work` sets it). */
  done = $state<string | undefined>()
  #running = 0

  /**
   * Runs `work` unless a run is under way; true when it finished. With `keepBusy`, a finished form stays busy:
   * it is about to be replaced (an unlocked vault), and a second submit must not slip in meanwhile. With
   * `alongside`, it runs even while others are under way (the popup opens several consoles at once if asked
   * to): busy until the last of them finishes, and the last to finish says how it went.
   */
  async run(
    work: () => Promise<void>,
    { keepBusy = false, alongside = false }: { keepBusy?: boolean; alongside?: boolean } = {},
  ): Promise<boolean> {
    if (this.busy && !alongside) return false
    this.#running += 1
    this.busy = true
    this.failure = undefined
    this.done = undefined
    let finished = false
    try {
      await work()
      finished = true
    } catch (error) {
      this.failure = messageOf(error)
    }
    this.#running -= 1
    if (!(finished && keepBusy)) this.busy = this.#running > 0
    return finished
  }

  /** Shows a failure that happened outside `run`: a list that did not load, a file that could not be read. */
  fail(error: unknown): void {
    this.done = undefined
    this.failure = messageOf(error)
  }

  /** Shows what was done outside `run` (another form's save, reported here). */
  succeed(done: string): void {
    this.failure = undefined
    this.done = done
  }
}
