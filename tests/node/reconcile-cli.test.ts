/**
 * `npm run reconcile` as a user runs it: the CLI against a running emulator and a ledger saved
 * as JSON. An empty world agrees (exit 0); a charge the ledger never booked is printed as an
 * orphan with a summary (exit 1).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type EmulatorHarness, paidCharge, startHarness } from './stripe-emulator.helpers.ts'

const ROOT = new URL('../..', import.meta.url).pathname
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

let harness: EmulatorHarness
let ledgerFile: string

beforeAll(async () => {
  harness = await startHarness()
  ledgerFile = join(await mkdtemp(join(tmpdir(), 'reconcile-')), 'ledger.json')
  await writeFile(ledgerFile, '[]')
})

afterAll(() => harness.emulator.close())

/** Runs the CLI to its end: its exit code and what it printed. */
function reconcile(): Promise<{ code: number; out: string }> {
  const env = {
    ...process.env,
    STRIPE_EMULATOR_URL: `http://127.0.0.1:${harness.emulator.port}`,
    STRIPE_SECRET_KEY: 'sk_test_emulator',
  }
  const args = [TSX, 'tools/reconcile/cli.ts', '--ledger', ledgerFile]
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr })
    })
  })
}

describe('npm run reconcile', () => {
  it('agrees on an empty world, then reports an unbooked charge and exits 1', async () => {
    const empty = await reconcile()
    expect(empty.out).toContain('Stripe and the ledger agree')
    expect(empty.code).toBe(0)

    const { charge } = await paidCharge(harness.stripe, 3000)
    const found = await reconcile()
    expect(found.code).toBe(1)
    const lines = found.out.trim().split('\n')
    expect(lines[0]).toMatch(new RegExp(`^ORPHAN +charge ${charge.id}: at Stripe \\(3000 cents\\)`))
    expect(lines.at(-1)).toMatch(/^1 mismatch\(es\): 1 orphan \(1 charges, /)
  }, 60_000)
})
