/**
 * Starts the whole marketplace locally: local D1 migrated (and seeded when asked), the Stripe
 * emulator on loopback delivering webhooks to the Worker, and `wrangler dev` serving the Worker
 * with its assets. Used by `npm run dev` and by the browser tests' global setup.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { startStripeEmulator } from './stripe-emulator/index.ts'
import { demoSeedSql } from './seed.ts'

const ROOT = new URL('..', import.meta.url).pathname
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')

export const LOCAL_STRIPE_KEY = 'sk_test_fairstall_local'
export const LOCAL_WEBHOOK_SECRET = 'whsec_fairstall_local'

export interface StackOptions {
  port?: number
  emulatorPort?: number
  /** Local state directory (D1, R2); default .wrangler/state as plain `wrangler dev` uses. */
  persistTo?: string
  /** Seed the demo accounts when the database has none. */
  seed?: boolean
  /** Pass wrangler's own output through. */
  verbose?: boolean
}

export interface Stack {
  url: string
  emulatorUrl: string
  stop(): Promise<void>
}

/** Runs wrangler to completion, returning its stdout; throws with its output on failure. */
function wrangler(args: string[], persistTo?: string): Promise<string> {
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

async function isSeeded(persistTo?: string): Promise<boolean> {
  const out = await wrangler(
    [
      'd1',
      'execute',
      'fairstall',
      '--local',
      '--json',
      '--command',
      "SELECT count(*) AS n FROM accounts WHERE email = 'admin@demo.coop'",
    ],
    persistTo,
  )
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: { n: number }[] }[]
  return (parsed[0]?.results[0]?.n ?? 0) > 0
}

/** Applies the migrations to local D1, and the demo seed when asked and not yet there. */
export async function prepareDatabase(options: { persistTo?: string; seed?: boolean }) {
  await wrangler(['d1', 'migrations', 'apply', 'fairstall', '--local'], options.persistTo)
  if (options.seed && !(await isSeeded(options.persistTo))) {
    const dir = options.persistTo ?? join(ROOT, '.wrangler')
    await mkdir(dir, { recursive: true })
    const file = join(dir, 'demo-seed.sql')
    await writeFile(file, await demoSeedSql())
    await wrangler(
      ['d1', 'execute', 'fairstall', '--local', '--yes', '--file', file],
      options.persistTo,
    )
  }
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

/** Starts D1 (migrated, optionally seeded), the Stripe emulator and `wrangler dev`. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = options.port ?? 8787
  const url = `http://localhost:${port}`
  await prepareDatabase(options)
  const emulator = await startStripeEmulator({
    port: options.emulatorPort ?? 12111,
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
  })
  const vars = {
    STRIPE_EMULATOR_URL: emulator.url,
    STRIPE_SECRET_KEY: LOCAL_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    PUBLIC_URL: url,
  }
  const args = [
    WRANGLER,
    'dev',
    '--port',
    String(port),
    '--show-interactive-dev-session=false',
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
