/**
 * The surplus bench (`npm run bench`, or alone with `BENCH_ONLY=surplus`): seeds last fiscal
 * year at scale into a throwaway local D1 (bench/surplus-seed.ts), starts the stack on it, and
 * times the board's report against one bare `GROUP BY` over the same lines, the Worker's peak
 * memory, and the approval with the size of the rows it stores. Writes bench/surplus-results.json.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SurplusReport } from '../functions/surplus/types.ts'
import { fiscalYear } from '../functions/surplus/year.ts'
import { freePort } from '../tools/ports.ts'
import { ApiClient } from '../tools/seed-listings.ts'
import { DEMO_PASSWORD } from '../tools/seed.ts'
import { prepareDatabase, startStack } from '../tools/stack.ts'
import * as measure from './surplus-measure.ts'
import { benchMember, seedSurplusYear, type SurplusScale } from './surplus-seed.ts'

const SCALE: SurplusScale = {
  members: Number(process.env.BENCH_SURPLUS_MEMBERS ?? 10_000),
  sellers: 1_500,
  workers: 5,
  lines: Number(process.env.BENCH_SURPLUS_LINES ?? 1_000_000),
}
const RUNS = Number(process.env.BENCH_SURPLUS_RUNS ?? 5)
const TARGET_RATIO = 3
const ROW_LIMIT_BYTES = 2 * 1024 * 1024
const BARE_SQL = 'SELECT seller_id, sum(subtotal_cents) FROM order_items GROUP BY seller_id'
const fmt = (n: number | null, digits = 1) => (n === null ? '-' : n.toFixed(digits))

const rowsReadOf = (r: Response) =>
  Number(/rows_read=(\d+)/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? NaN)

/** One timed request as the board; throws on anything but 200. */
async function timed(board: ApiClient, method: string, path: string) {
  const started = performance.now()
  const response = await board.request(method, path)
  const body = await response.text()
  const ms = performance.now() - started
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${body}`)
  return { ms, rowsRead: rowsReadOf(response), bytes: body.length, body }
}

/** The report's runs with the Worker's peak memory over them (see bench/README.md). */
async function measureReport(board: ApiClient, path: string) {
  const [pid] = measure.workerdPids()
  const rssBefore = pid ? measure.memoryMiB(pid, 'VmRSS') : null
  const reset = pid ? measure.resetPeak(pid) : false
  const cold = await timed(board, 'GET', path)
  const runs = [cold]
  for (let i = 1; i < RUNS; i++) runs.push(await timed(board, 'GET', path))
  const peak = pid ? measure.memoryMiB(pid, 'VmHWM') : null
  const report = JSON.parse(cold.body) as SurplusReport
  return { runs, rssBefore, peak, peakIsForRuns: reset, report }
}

/** The bare GROUP BY through local D1: D1's own duration, and wall time less a `SELECT 1`. */
async function measureBare(persistTo: string) {
  const trivial: number[] = []
  const bare: { wallMs: number; sqlMs: number | null }[] = []
  for (let i = 0; i < 3; i++) {
    trivial.push((await measure.d1Execute(persistTo, 'SELECT 1')).wallMs)
    bare.push(await measure.d1Execute(persistTo, BARE_SQL))
  }
  const sql = bare.map((b) => b.sqlMs).filter((ms): ms is number => ms !== null)
  return {
    sqlMs: sql.length ? measure.median(sql) : null,
    wallLessStartupMs: measure.median(bare.map((b) => b.wallMs)) - measure.median(trivial),
  }
}

function printTable(rows: [string, string][]) {
  const width = Math.max(...rows.map(([k]) => k.length))
  console.log(['', ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`), ''].join('\n'))
}

/** Runs the surplus bench; returns its results (also written to bench/surplus-results.json). */
export async function runSurplusBench() {
  const year = new Date().getUTCFullYear() - 1
  const fy = fiscalYear(year, 1, 'UTC')
  const persistTo = await mkdtemp(join(tmpdir(), 'fairstall-bench-surplus-'))
  try {
    await prepareDatabase({ persistTo })
    console.log(`Seeding FY${year}: ${SCALE.members} members, ${SCALE.lines} order lines…`)
    const started = performance.now()
    const stages = await seedSurplusYear(persistTo, fy, SCALE)
    const seedSeconds = (performance.now() - started) / 1000
    console.log(`  seeded in ${fmt(seedSeconds)} s`)
    const port = await freePort()
    const stack = await startStack({
      port,
      emulatorPort: await freePort(),
      persistTo,
      seed: true,
      demoListings: false,
    })
    try {
      const board = new ApiClient(`http://127.0.0.1:${port}`)
      await board.signIn('board@demo.coop', DEMO_PASSWORD)
      for (let w = 0; w < SCALE.workers; w++) {
        const member = benchMember(SCALE.sellers + w)
        await board.json('PUT', `/board/years/${year}/hours/${member}`, { hours: 120 + w * 40.5 })
      }
      const path = `/board/years/${year}/report`
      const report = await measureReport(board, path)
      const warm = report.runs.slice(1).map((r) => r.ms)
      const reportMs = measure.median(warm.length ? warm : [report.runs[0]!.ms])
      const bare = await measureBare(persistTo)
      const bareMs = bare.sqlMs ?? bare.wallLessStartupMs
      const approval = await timed(board, 'POST', `/board/years/${year}/approve`)
      const stored = await timed(board, 'GET', path)
      const largest = {
        surplus_approvals: await measure.largestRowBytes(persistTo, 'surplus_approvals'),
        surplus_statements: await measure.largestRowBytes(persistTo, 'surplus_statements'),
      }
      const largestBytes = Math.max(...Object.values(largest))
      const results = {
        at: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        year,
        scale: { ...SCALE, orders: Math.ceil((SCALE.lines * 3) / 10) },
        seed_seconds: seedSeconds,
        seed_stage_seconds: stages,
        report: {
          cold_ms: report.runs[0]!.ms,
          median_ms: reportMs,
          runs_ms: report.runs.map((r) => r.ms),
          rows_read: report.runs[0]!.rowsRead,
          response_bytes: report.runs[0]!.bytes,
          members: report.report.members.length,
          pools: report.report.pools.map((p) => ({ name: p.name, members: p.members })),
          net_surplus: report.report.income.net_surplus,
        },
        worker_memory_mib: {
          rss_before: report.rssBefore,
          peak_during_report: report.peak,
          peak_is_for_the_report_runs: report.peakIsForRuns,
        },
        bare_group_by: {
          sql: BARE_SQL,
          d1_duration_ms: bare.sqlMs,
          wall_less_startup_ms: bare.wallLessStartupMs,
        },
        ratio: reportMs / bareMs,
        meets_ratio_target: reportMs / bareMs <= TARGET_RATIO,
        approval: {
          ms: approval.ms,
          stored_report_ms: stored.ms,
          stored_rows_read: stored.rowsRead,
        },
        largest_stored_row_bytes: largest,
        meets_row_target: largestBytes < ROW_LIMIT_BYTES / 10,
      }
      printTable([
        [
          'seed',
          `${fmt(seedSeconds)} s (${Object.entries(stages)
            .map(([k, v]) => `${k} ${fmt(v)} s`)
            .join(', ')})`,
        ],
        [
          'report (median warm)',
          `${fmt(reportMs)} ms over ${RUNS - 1} runs; cold ${fmt(report.runs[0]!.ms)} ms`,
        ],
        ['rows read', String(report.runs[0]!.rowsRead)],
        [
          'report size',
          `${fmt(report.runs[0]!.bytes / 1024)} kB, ${results.report.members} members`,
        ],
        [
          'workerd memory',
          `RSS ${fmt(report.rssBefore)} MiB before, peak ${fmt(report.peak)} MiB during the runs`,
        ],
        [
          'bare GROUP BY',
          `${fmt(bare.sqlMs)} ms (D1 duration); ${fmt(bare.wallLessStartupMs)} ms (wall − SELECT 1)`,
        ],
        [
          'ratio',
          `${fmt(results.ratio, 2)}× (target ≤ ${TARGET_RATIO}×)${results.meets_ratio_target ? '' : ' !'}`,
        ],
        ['approval', `${fmt(approval.ms)} ms; the stored report then ${fmt(stored.ms)} ms`],
        ['largest stored row', `${largestBytes} bytes (limit 2 MB)`],
      ])
      const file = new URL('surplus-results.json', import.meta.url)
      await writeFile(file, JSON.stringify(results, null, 2) + '\n')
      console.log(`Wrote ${file.pathname}`)
      return results
    } finally {
      await stack.stop()
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true })
  }
}

// Run directly (`tsx bench/surplus.ts`) as well as from bench/run.ts.
if (import.meta.url === `file://${process.argv[1]}`) await runSurplusBench()
