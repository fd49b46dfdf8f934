// What every form that sends one request to the background shares: one submit at a time (the button shows it
// is busy), and what the last attempt came to (its error in the background's words, or the form's own word
// that it worked) until the next attempt starts.

export class FormAction {
  busy = $state(false)
  failure = $state<string | undefined>()
  /** What a finished attempt says it did, for forms that say so (`work` sets it). */
  done = $state<string | undefined>()

  /**
   * Runs `work` unless a run is under way; true when it finished. With `keepBusy`, a finished form stays busy:
   * it is about to be replaced (an unlocked vault), and a second submit must not slip in meanwhile.
   */
  async run(work: () => Promise<void>, { keepBusy = false }: { keepBusy?: boolean } = {}): Promise<boolean> {
    if (this.busy) return false
    this.busy = true
    this.failure = undefined
    this.done = undefined
    try {
      await work()
      if (!keepBusy) this.busy = false
      return true
    } catch (error) {
      this.failure = (error as Error).message
      this.busy = false
      return false
    }
  }
}
