/**
 * Starts the whole marketplace locally: local D1 migrated (and seeded when asked), the Stripe
 * emulator on loopback delivering webhooks to the Worker, and `wrangler dev` serving the Worker
 * with its assets, the client bundle built first. Used by `npm run dev`, `npm run bench` and by
 * the browser tests' global setup.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { buildClient } from './build-client.ts'
import { startStripeEmulator } from './stripe-emulator/index.ts'
import { DEMO_ACCOUNTS, demoSeedSql } from './seed.ts'
import { seedDemoListings } from './seed-listings.ts'
import { seedDemoSales } from './seed-sales.ts'
import { seedPastYear } from './seed-past-year.ts'

const ROOT = new URL('..', import.meta.url).pathname
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')

export const LOCAL_STRIPE_KEY = 'sk_test_fairstall_local'
export const LOCAL_WEBHOOK_SECRET = 'whsec_fairstall_local'
/** Connect events come from their own endpoint with its own secret, as in production. */
export const LOCAL_CONNECT_WEBHOOK_SECRET = 'whsec_fairstall_local_connect'

export interface StackOptions {
  port?: number
  emulatorPort?: number
  /** Local state directory (D1, R2); default .wrangler/state as plain `wrangler dev` uses. */
  persistTo?: string
  /** Seed the demo accounts when the database has none. */
  seed?: boolean
  /** With `seed`, also create the demo catalogue through the API once the Worker is up. */
  demoListings?: boolean
  /** Pass wrangler's own output through. */
  verbose?: boolean
}

export interface Stack {
  url: string
  emulatorUrl: string
  stop(): Promise<void>
}

/** Runs wrangler to completion, returning its stdout; throws with its output on failure. */
export function wrangler(args: string[], persistTo?: string): Promise<string> {
  const full = [...args, ...(persistTo ? ['--persist-to', persistTo] : [])]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...full], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(' ')} failed:\n${out}`)),
    )
  })
}

/** The demo emails already in the database. */
async function seededEmails(persistTo?: string): Promise<Set<string>> {
  const emails = DEMO_ACCOUNTS.map((a) => `'${a.email}'`).join(', ')
  const out = await wrangler(
    [
      'd1',
      'execute',
      'fairstall',
      '--local',
      '--json',
      '--command',
      `SELECT email FROM accounts WHERE email IN (${emails})`,
    ],
    persistTo,
  )
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: { email: string }[] }[]
  return new Set((parsed[0]?.results ?? []).map((r) => r.email))
}

/** Applies the migrations to local D1, and the demo accounts when asked and not yet there. */
export async function prepareDatabase(options: { persistTo?: string; seed?: boolean }) {
  await wrangler(['d1', 'migrations', 'apply', 'fairstall', '--local'], options.persistTo)
  if (!options.seed) return
  const existing = await seededEmails(options.persistTo)
  if (existing.size === DEMO_ACCOUNTS.length) return
  const dir = options.persistTo ?? join(ROOT, '.wrangler')
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'demo-seed.sql')
  await writeFile(file, await demoSeedSql(new Date(), existing))
  await wrangler(
    ['d1', 'execute', 'fairstall', '--local', '--yes', '--file', file],
    options.persistTo,
  )
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`wrangler dev did not answer at ${url} within 60 s:\n${log()}`)
}

/**
 * Seeds the demo catalogue, reporting how long it took. A failure is reported and not thrown:
 * the marketplace still runs with its accounts, and the next start tries again.
 */
async function seedCatalogue(url: string) {
  const started = performance.now()
  try {
    const published = await seedDemoListings(url)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    if (published > 0) {
      console.log(`Demo catalogue: ${published} listings published in ${seconds} s`)
      // A fresh catalogue also gets its first sales (a later start finds them already there).
      const orders = await seedDemoSales(url)
      console.log(`Demo sales: ${orders} paid orders from buyer@demo.coop`)
    }
  } catch (error) {
    console.warn(`Demo catalogue not seeded: ${error instanceof Error ? error.message : error}`)
  }
}

/** Builds the client, then starts D1 (migrated, maybe seeded), the emulator and `wrangler dev`. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = options.port ?? 8787
  const url = `http://localhost:${port}`
  // The bundle is not committed: without this every page's /assets/client.js would be a 404.
  await buildClient()
  await prepareDatabase(options)
  const emulator = await startStripeEmulator({
    port: options.emulatorPort ?? 12111,
    // Beside the local D1, so the Stripe objects it names outlive a restart as it does.
    stateFile: join(options.persistTo ?? join(ROOT, '.wrangler'), 'stripe-emulator.json'),
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    connectWebhookSecret: LOCAL_CONNECT_WEBHOOK_SECRET,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
  })
  const vars = {
    STRIPE_EMULATOR_URL: emulator.url,
    STRIPE_SECRET_KEY: LOCAL_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    STRIPE_CONNECT_WEBHOOK_SECRET: LOCAL_CONNECT_WEBHOOK_SECRET,
    PUBLIC_URL: url,
    // The local mailbox at /_dev/mail (functions/email/mailbox.tsx): never set in a deployment.
    DEV_MAILBOX: '1',
  }
  const args = [
    WRANGLER,
    'dev',
    '--port',
    String(port),
    '--show-interactive-dev-session=false',
    // wrangler dev never fires cron triggers by itself: this lets GET /__scheduled run the
    // job re-send locally (curl 'http://localhost:8787/__scheduled?cron=*/5+*+*+*+*').
    '--test-scheduled',
    ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
  ]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000)
    if (options.verbose) process.stdout.write(d)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  try {
    await waitUntilUp(url, child, () => output)
  } catch (error) {
    child.kill('SIGTERM')
    await emulator.close()
    throw error
  }
  if (options.seed && options.demoListings !== false) {
    await seedCatalogue(url)
    // Last fiscal year's sales (straight into D1) and the board's entries for it (via the API).
    await seedPastYear(url, options.persistTo)
  }
  return {
    url,
    emulatorUrl: emulator.url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
      await emulator.close()
    },
  }
}
