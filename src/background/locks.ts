// Serialises read-modify-write sequences across concurrent messages with the Web Locks API, which works in
// service workers and event pages and holds no module state that a worker restart could lose.
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks
  if (!locks) return task()
  return locks.request(`rolecall:${name}`, task) as Promise<T>
}
