// One IndexedDB transaction whose writes land together or not at all. A transaction commits on its own once
// no request is pending, so a write that throws before its request is even sent (a bad value, a failed check)
// would otherwise leave the writes before it committed: on any error the transaction is aborted instead.

/** The part of an idb transaction this needs. */
export interface AbortableTransaction {
  abort(): void
  readonly done: Promise<void>
}

/**
 * Runs `writes` in `tx` and waits for the commit. If anything throws, nothing of it is committed and the
 * error is passed on. Inside `writes`, await only requests of `tx`: any other await lets it commit early.
 */
export async function allOrNothing<T extends AbortableTransaction>(
  tx: T,
  writes: (tx: T) => Promise<void>,
): Promise<void> {
  try {
    await writes(tx)
    await tx.done
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // Already finished or aborted: nothing of it was committed either way.
    }
    await tx.done.catch(() => {})
    throw error
  }
}
