/**
 * `npm run reconcile [-- --remote] [--persist-to <dir>] [--ledger <rows.json>]`: reads Stripe's
 * lists and the ledger, prints every mismatch and a summary, and exits 1 when there is any.
 *
 * Stripe: STRIPE_SECRET_KEY (real Stripe), or STRIPE_EMULATOR_URL for the emulator; locally both
 * default to the emulator `npm run dev` starts. Ledger: local D1 (`wrangler d1 execute --local`),
 * `--remote` for the deployed database, or `--ledger` for rows of LEDGER_SQL saved as JSON.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'

import { LOCAL_STRIPE_KEY, wrangler } from '../stack.ts'
import { compare } from './compare.ts'
import { LEDGER_SQL, type LedgerRow, ledgerFactsOf } from './facts.ts'
import { report } from './report.ts'
import { reconcileClient, stripeFacts } from './stripe-side.ts'

/** The emulator `npm run dev` starts (tools/dev.ts). */
const DEV_EMULATOR = `http://127.0.0.1:${process.env.STRIPE_EMULATOR_PORT ?? 12111}`

/** The ledger's rows, read through wrangler from local or remote D1. */
async function ledgerRows(remote: boolean, persistTo?: string): Promise<LedgerRow[]> {
  const where = remote ? '--remote' : '--local'
  const args = ['d1', 'execute', 'fairstall', where, '--json', '--command', LEDGER_SQL]
  const out = await wrangler(args, persistTo)
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: LedgerRow[] }[]
  return parsed.flatMap((part) => part.results)
}

/** Where Stripe is: the key, and the emulator unless reconciling with real Stripe remotely. */
function stripeTarget(remote: boolean, env: NodeJS.ProcessEnv) {
  if (env.STRIPE_EMULATOR_URL) {
    return { key: env.STRIPE_SECRET_KEY ?? LOCAL_STRIPE_KEY, emulator: env.STRIPE_EMULATOR_URL }
  }
  if (env.STRIPE_SECRET_KEY) return { key: env.STRIPE_SECRET_KEY, emulator: undefined }
  if (remote) throw new Error('--remote needs STRIPE_SECRET_KEY (the live or test secret key).')
  return { key: LOCAL_STRIPE_KEY, emulator: DEV_EMULATOR }
}

/** Runs the reconciliation, printing the report; resolves to the exit code. */
export async function main(argv: string[], env = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      ledger: { type: 'string' },
    },
  })
  const target = stripeTarget(values.remote, env)
  const rows = values.ledger
    ? (JSON.parse(await readFile(values.ledger, 'utf8')) as LedgerRow[])
    : await ledgerRows(values.remote, values['persist-to'])
  const stripe = await stripeFacts(reconcileClient(target.key, target.emulator))
  const ledger = ledgerFactsOf(rows)
  const mismatches = compare(stripe, ledger)
  const checked = [
    `${stripe.charges.length} charges`,
    `${stripe.transfers.length} transfers`,
    `${stripe.refunds.length} refunds`,
    `${stripe.disputes.length} disputes`,
    `${stripe.balanceTransactions.length} balance transactions`,
    `${ledger.transactions.length} ledger transactions`,
  ].join(', ')
  console.log(report(mismatches, checked))
  return mismatches.length > 0 ? 1 : 0
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 2
}
