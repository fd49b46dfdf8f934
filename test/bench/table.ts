// Bench rows and the one table `npm run bench` prints and writes to bench/results.md.

export interface BenchRow {
  figure: string
  unit: 'ms' | 'KB' | 'calls'
  samples: number[]
  /** e.g. "< 50 ms" — informational; the bench prints, it does not fail. */
  target?: string
  /** A peer that ran the same work in the same run: the ratio is peer median / our median. */
  peer?: { name: string; samples: number[] }
  /**
   * The floor (e.g. a blank popup) measured in the same run: the ratio is our median / the floor's. Its max is
   * printed too: where the floor itself reaches a target, no page can stay under it every time.
   */
  floor?: { name: string; samples: number[] }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const fmt = (n: number, unit: BenchRow['unit']) =>
  unit === 'calls' ? String(n) : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)

export function renderTable(rows: BenchRow[]): string {
  const header = ['figure', 'median', 'min', 'max', 'unit', 'runs', 'target', 'peer (median)', 'ratio']
  const lines = rows.map((r) => {
    const m = median(r.samples)
    const peer = r.peer ? median(r.peer.samples) : undefined
    const floor = r.floor ? median(r.floor.samples) : undefined
    return [
      r.figure,
      fmt(m, r.unit),
      fmt(Math.min(...r.samples), r.unit),
      fmt(Math.max(...r.samples), r.unit),
      r.unit,
      String(r.samples.length),
      r.target ?? '',
      r.peer
        ? `${r.peer.name} ${fmt(peer!, r.unit)}`
        : r.floor
          ? `floor: ${r.floor.name} ${fmt(floor!, r.unit)} (max ${fmt(Math.max(...r.floor.samples), r.unit)})`
          : '',
      peer !== undefined && m > 0
        ? `${(peer / m).toFixed(1)}×`
        : floor !== undefined && floor > 0
          ? `${(m / floor).toFixed(2)}× floor`
          : '',
    ]
  })
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n')
}

/** Warm up, then time `runs` calls of `work`. */
export async function timeRuns(work: () => unknown | Promise<unknown>, runs = 9, warmups = 2): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  return samples
}
