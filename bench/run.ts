/**
 * `npm run bench`: seeds 100,000 published listings into a throwaway local D1, starts the
 * whole stack on free ports, and runs wrk against a bare route and the home, search and
 * listing pages of the same Worker. Prints requests/s, p50/p99 latency, each page's ratio to
 * the bare route, D1 rows read and the gzipped client JavaScript; writes bench/results.json.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'

import { prepareDatabase, startStack } from '../tools/stack.ts'
import { COMMON_WORD, seedLargeCatalog } from './catalog.ts'
import { type PageProbe, probePage } from './probe.ts'
import { hasWrk, runWrk, type WrkResult } from './wrk.ts'
import { freePort } from '../tools/ports.ts'

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000)
const SELLERS = 500
const WRK = {
  threads: 2,
  connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
}
/** The figure every page should reach, as a share of the bare route's requests/s. */
const TARGET_RATIO = 0.4
const TARGET_SCRIPT_BYTES = 15 * 1024

interface Target {
  name: string
  path: string
  headers?: Record<string, string>
}

/**
 * Signed-out visitors get the public pages from the edge cache (functions/lib/page-cache.ts).
 * A session cookie, even one that matches no session, skips the cache: these rows measure a
 * page rendered afresh, as a signed-in member gets it (including the session lookup).
 */
const UNCACHED = { cookie: 'fairstall_session=bench-uncached' }

/** The pages to measure; an API route stands in for a page that does not exist yet. */
async function chooseTargets(base: string): Promise<Target[]> {
  const search = await fetch(`${base}/api/v1/listings?q=${COMMON_WORD}&limit=1`)
  const first = ((await search.json()) as { items?: { id: string }[] }).items?.[0]
  if (!first) throw new Error(`searching for "${COMMON_WORD}" found nothing to open`)
  const pageOr = async (name: string, page: string, api: string): Promise<Target> => {
    const response = await fetch(`${base}${page}`)
    await response.body?.cancel()
    return response.status === 404 ? { name: `${name} (API)`, path: api } : { name, path: page }
  }
  const pages = [
    { name: 'home', path: '/' },
    await pageOr('search', `/search?q=${COMMON_WORD}`, `/api/v1/listings?q=${COMMON_WORD}`),
    await pageOr('listing', `/listings/${first.id}`, `/api/v1/listings/${first.id}`),
  ]
  return [
    ...pages,
    ...pages.map((page) => ({ ...page, name: `${page.name} (uncached)`, headers: UNCACHED })),
    { name: 'search API', path: `/api/v1/listings?q=${COMMON_WORD}` },
    { name: 'browse API', path: '/api/v1/listings?sort=newest' },
  ]
}

const fmt = (n: number, digits = 1) => n.toFixed(digits)

function printTable(rows: { name: string; wrk: WrkResult; ratio: number; probe: PageProbe }[]) {
  const head = ['route', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'rows read', 'JS gzip', 'errors']
  const body = rows.map(({ name, wrk, ratio, probe }) => [
    name,
    fmt(wrk.requestsPerSecond),
    fmt(wrk.p50Ms, 2),
    fmt(wrk.p99Ms, 2),
    name.startsWith('bare') || ratio >= TARGET_RATIO ? fmt(ratio, 2) : `${fmt(ratio, 2)} !`,
    probe.rowsRead === null ? '-' : String(probe.rowsRead),
    probe.scripts.length ? `${fmt(probe.scriptGzipBytes / 1024)} kB` : '-',
    String(wrk.non2xx + wrk.socketErrors),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(['', line(head), ...body.map(line), ''].join('\n'))
}

async function main() {
  if (!hasWrk()) {
    console.error('wrk is not installed. On Debian or Ubuntu: apt-get install -y wrk')
    process.exit(1)
  }
  const persistTo = await mkdtemp(join(tmpdir(), 'fairstall-bench-'))
  try {
    await prepareDatabase({ persistTo })
    console.log(`Seeding ${LISTINGS} listings by ${SELLERS} sellers…`)
    const seedSeconds = await seedLargeCatalog(persistTo, LISTINGS, SELLERS)
    console.log(`  seeded in ${fmt(seedSeconds)} s`)

    let started = performance.now()
    const port = await freePort()
    const stack = await startStack({ port, emulatorPort: await freePort(), persistTo, seed: true })
    const stackSeconds = (performance.now() - started) / 1000
    console.log(`Stack up with the demo catalogue in ${fmt(stackSeconds)} s`)
    // wrk and the probes go to the IPv4 loopback: `localhost` may resolve to ::1 first.
    const base = `http://127.0.0.1:${port}`
    try {
      const targets = await chooseTargets(base)
      started = performance.now()
      for (const target of [{ name: 'bare', path: '/healthz' }, ...targets]) {
        for (let i = 0; i < 20; i++) {
          await (await fetch(`${base}${target.path}`, { headers: target.headers })).text()
        }
      }
      console.log(`Warmed up in ${fmt((performance.now() - started) / 1000)} s; running wrk…`)

      // The bare route runs before and after every page, and each page is compared with the
      // mean of its two neighbours: on a shared machine the load drifts within minutes.
      const bare = { name: 'bare /healthz', path: '/healthz' }
      const measured: { name: string; path: string; wrk: WrkResult; probe: PageProbe }[] = []
      const measure = async (target: Target) => {
        const probe = await probePage(`${base}${target.path}`, target.headers)
        const wrk = await runWrk(`${base}${target.path}`, { ...WRK, headers: target.headers })
        measured.push({ ...target, wrk, probe })
        console.log(`  ${target.name}: ${fmt(wrk.requestsPerSecond)} req/s`)
      }
      await measure(bare)
      for (const target of targets) {
        await measure(target)
        await measure(bare)
      }
      const bareRuns = measured.filter((m) => m.path === '/healthz')
      const baseline = bareRuns.reduce((s, m) => s + m.wrk.requestsPerSecond, 0) / bareRuns.length
      const rows = measured.map((m, i) => {
        if (m.path === '/healthz') return { ...m, ratio: m.wrk.requestsPerSecond / baseline }
        const around =
          (measured[i - 1]!.wrk.requestsPerSecond + measured[i + 1]!.wrk.requestsPerSecond) / 2
        return { ...m, ratio: m.wrk.requestsPerSecond / around }
      })
      printTable(rows)
      console.log(
        `Ratios: each page against the mean of the bare runs just before and after it (bare ` +
          `runs against their overall mean, ${fmt(baseline)} req/s). Targets: ${TARGET_RATIO} ` +
          `or more; client JavaScript at most ${TARGET_SCRIPT_BYTES / 1024} kB gzipped.`,
      )
      const results = {
        at: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        wrk: WRK,
        catalog: { listings: LISTINGS, sellers: SELLERS, seed_seconds: seedSeconds },
        stack_start_seconds: stackSeconds,
        baseline_requests_per_second: baseline,
        routes: rows.map(({ name, path, wrk, ratio, probe }) => ({
          name,
          path,
          status: probe.status,
          requests_per_second: wrk.requestsPerSecond,
          p50_ms: wrk.p50Ms,
          p99_ms: wrk.p99Ms,
          requests: wrk.requests,
          errors: wrk.non2xx + wrk.socketErrors,
          ratio_to_bare: ratio,
          meets_ratio_target: path === '/healthz' || ratio >= TARGET_RATIO,
          rows_read: probe.rowsRead,
          scripts: probe.scripts.map((s) => new URL(s).pathname),
          script_gzip_bytes: probe.scriptGzipBytes,
          meets_script_target: probe.scriptGzipBytes <= TARGET_SCRIPT_BYTES,
        })),
      }
      const file = new URL('results.json', import.meta.url)
      await writeFile(file, JSON.stringify(results, null, 2) + '\n')
      console.log(`Wrote ${file.pathname}`)
    } finally {
      await stack.stop()
    }
  } finally {
    await rm(persistTo, { recursive: true, force: true })
  }
}

// BENCH_ONLY=web or BENCH_ONLY=surplus runs one of the two benches; by default both, in turn.
const only = process.env.BENCH_ONLY
if (only !== 'surplus') await main()
if (only !== 'web') await (await import('./surplus.ts')).runSurplusBench()
