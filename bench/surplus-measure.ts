/**
 * What the surplus bench measures besides HTTP timings: the Worker's memory from /proc (Linux),
 * SQL run through local D1 by `wrangler d1 execute`, and the largest stored row of a table.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'

import { wrangler } from '../tools/stack.ts'

/** The parent pid and command name of a process, from /proc/<pid>/stat. */
function statOf(pid: number): { ppid: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const close = stat.lastIndexOf(')')
    const comm = stat.slice(stat.indexOf('(') + 1, close)
    const ppid = Number(stat.slice(close + 2).split(' ')[1])
    return { ppid, comm }
  } catch {
    return null
  }
}

/**
 * The workerd processes started by this process (wrangler dev's children), so nothing else on
 * the machine is measured. Empty where there is no /proc.
 */
export function workerdPids(): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return []
  }
  const descends = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; hops++) {
      if (p === process.pid) return true
      p = statOf(p)?.ppid ?? 0
    }
    return false
  }
  return entries.map(Number).filter((pid) => statOf(pid)?.comm === 'workerd' && descends(pid))
}

/** A `VmRSS`/`VmHWM` line of /proc/<pid>/status, in MiB. */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

/**
 * Resets the process's peak RSS (VmHWM) to its current RSS (`echo 5 > clear_refs`, our own
 * child, so no privilege is needed). Returns whether the kernel took it.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** One SQL statement through local D1: its rows, wall time, and D1's own `meta.duration`. */
export async function d1Execute<T>(persistTo: string, sql: string) {
  const started = performance.now()
  const out = await wrangler(
    ['d1', 'execute', 'fairstall', '--local', '--json', '--command', sql],
    persistTo,
  )
  const wallMs = performance.now() - started
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as {
    results: T[]
    meta?: { duration?: number }
  }[]
  return { rows: parsed[0]?.results ?? [], wallMs, sqlMs: parsed[0]?.meta?.duration ?? null }
}

/** The largest row of `table` in bytes: the sum of its columns' lengths (TEXT/BLOB bytes). */
export async function largestRowBytes(persistTo: string, table: string): Promise<number> {
  const { rows: columns } = await d1Execute<{ name: string }>(
    persistTo,
    `SELECT name FROM pragma_table_info('${table}')`,
  )
  if (columns.length === 0) return 0
  const size = columns.map((c) => `coalesce(length(CAST("${c.name}" AS BLOB)), 0)`).join(' + ')
  const { rows } = await d1Execute<{ bytes: number | null }>(
    persistTo,
    `SELECT max(${size}) AS bytes FROM "${table}"`,
  )
  return Number(rows[0]?.bytes ?? 0)
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
