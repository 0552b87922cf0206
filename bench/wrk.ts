/** Running wrk and reading its report. */
import { spawn, spawnSync } from 'node:child_process'

export interface WrkResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Responses that were not 2xx or 3xx. */
  non2xx: number
  /** Connect, read, write and timeout errors together. */
  socketErrors: number
}

export interface WrkOptions {
  threads: number
  connections: number
  seconds: number
  /** Extra request headers, e.g. a cookie that keeps a page out of the edge cache. */
  headers?: Record<string, string>
}

/** Whether a `wrk` binary is on the PATH. */
export function hasWrk(): boolean {
  const probe = spawnSync('wrk', ['--version'], { stdio: 'ignore' })
  return !(probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT')
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

/** wrk prints durations as `812.00us`, `1.23ms` or `2.01s`. */
function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text)
  if (!match) throw new Error(`unexpected wrk duration ${text}`)
  return Number(match[1]) * UNIT_MS[match[2]!]!
}

/** Reads the figures out of wrk's `--latency` report. */
export function parseWrk(output: string): WrkResult {
  const latency = (pct: string) => {
    const match = new RegExp(`^\\s+${pct}%\\s+(\\S+)`, 'm').exec(output)
    if (!match) throw new Error(`wrk printed no ${pct}% latency:\n${output}`)
    return durationMs(match[1]!)
  }
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    requests: number(/(\d+) requests in/),
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  }
}

/** Runs wrk against one URL and returns its figures. */
export function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    // wrk's default 2 s timeout counts slow answers on a busy machine as socket errors.
    '--timeout',
    '10s',
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => [
      '-H',
      `${name}: ${value}`,
    ]),
    url,
  ]
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk ${args.join(' ')} failed:\n${out}`))
      try {
        resolve(parseWrk(out))
      } catch (error) {
        reject(error)
      }
    })
  })
}
