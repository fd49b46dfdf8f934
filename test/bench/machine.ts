// The machine a bench ran on, so figures in bench/results.md can be compared fairly across reviews.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'

function firstLine(command: string, args: string[]): string {
  try {
    return (
      execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')[0] ?? '?'
    )
  } catch {
    return `unknown (${command} did not run)`
  }
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (match?.[1]) return match[1].trim()
  } catch {
    // not Linux: fall through to Node's view
  }
  return os.cpus()[0]?.model ?? 'unknown'
}

function debianVersion(): string {
  try {
    return `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}`
  } catch {
    return os.type()
  }
}

export interface MachineInfo {
  lines: string[]
}

export function describeMachine(): MachineInfo {
  const [load1, load5] = os.loadavg()
  return {
    lines: [
      `date: ${new Date().toISOString()}`,
      `CPU: ${cpuModel()}, ${os.cpus().length} cores; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
      `OS: ${debianVersion()}, Linux ${os.release()}`,
      `Node ${process.versions.node}; ${firstLine('/usr/bin/chromium', ['--version'])}; ${firstLine('/usr/bin/firefox-esr', ['--version'])}`,
      `Python: ${firstLine('/usr/bin/python3', ['-c', 'import sys, botocore; print(sys.version.split()[0], "botocore", botocore.__version__)'])}`,
      `load average at start: ${load1!.toFixed(2)} (1 min), ${load5!.toFixed(2)} (5 min)`,
    ],
  }
}
