/**
 * A seller's sales: their lines of paid orders with what each pays them, and where the money
 * went. The payout is computed from the line's own figures (`payout.ts`); the transfer's state is
 * read from the ledger (booked only once Stripe made the Transfer, with its id) and, before
 * that, from the transfer job (queued, or dead for an admin to retry).
 */
import type { Viewer } from '../app.ts'
import { requirePermission } from '../access/api.ts'
import { database } from '../lib/db.ts'
import { encodeCursor } from '../lib/pagination.ts'
import type { DB } from '../../schema/tables.ts'
import { saleView } from './payout.ts'
import {
  type SaleKey,
  type SaleRow,
  bookedTransfers,
  saleKeyOf,
  saleRows,
  transferJobs,
} from './repository.ts'
import type { SaleView, TransferState } from './responses.ts'
import type { SalesRange } from './schemas.ts'

/** A page of sales, as the API answers it. */
export interface SalesPage {
  items: SaleView[]
  next_cursor: string | null
}

/** Orders looked up per query: D1 binds at most 100 parameters in one statement. */
const LOOKUP_CHUNK = 50

const keyOf = (row: SaleRow): SaleKey => [row.paid_at, row.order_id, row.position]

/** One page of the viewer's sales in the range (the viewer must be an approved seller). */
export async function salesPage(
  env: Env,
  viewer: Viewer | null,
  range: SalesRange,
  limit: number,
  cursor?: string,
): Promise<SalesPage> {
  const seller = requirePermission(viewer, 'approvedSeller')
  const after = cursor ? saleKeyOf(cursor) : undefined
  const page = await pageOf(database(env.DB), seller.account.id, range, limit, after)
  return { items: page.items, next_cursor: page.next ? encodeCursor(page.next) : null }
}

/** Every sale of the viewer in the range, newest first, for the CSV export. */
export async function allSales(
  env: Env,
  viewer: Viewer | null,
  range: SalesRange,
): Promise<SaleView[]> {
  const seller = requirePermission(viewer, 'approvedSeller')
  const db = database(env.DB)
  const all: SaleView[] = []
  let after: SaleKey | undefined
  do {
    const page = await pageOf(db, seller.account.id, range, 100, after)
    all.push(...page.items)
    after = page.next
  } while (after)
  return all
}

/** A page of rows as sales, and the key to continue after it (none on the last page). */
async function pageOf(
  db: DB,
  sellerId: string,
  range: SalesRange,
  limit: number,
  after: SaleKey | undefined,
): Promise<{ items: SaleView[]; next?: SaleKey }> {
  const rows = await saleRows(db, sellerId, range, limit, after)
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const transfers = await transferStates(db, sellerId, [...new Set(page.map((r) => r.order_id))])
  return {
    items: page.map((row) => saleView(row, transfers.get(row.order_id))),
    next: rows.length > limit && last ? keyOf(last) : undefined,
  }
}

/** What became of the seller's transfer for each order: the ledger first, then the job. */
async function transferStates(db: DB, sellerId: string, orderIds: readonly string[]) {
  const states = new Map<string, TransferState>()
  for (let start = 0; start < orderIds.length; start += LOOKUP_CHUNK) {
    const chunk = orderIds.slice(start, start + LOOKUP_CHUNK)
    const [jobs, booked] = await Promise.all([
      transferJobs(db, sellerId, chunk),
      bookedTransfers(db, sellerId, chunk),
    ])
    const jobStatus = new Map(jobs.map((job) => [job.dedupe_key, job.status]))
    for (const orderId of chunk) {
      const transfer = booked.find((row) => row.order_id === orderId)
      const job = jobStatus.get(`transfer:${orderId}:${sellerId}`)
      states.set(
        orderId,
        transfer
          ? { status: 'transferred', id: transfer.stripe_transfer_id }
          : job === 'dead'
            ? { status: 'failed', id: null }
            : // A job that is done without a booking had nothing to send (a payout of 0).
              { status: job === 'pending' ? 'queued' : 'none', id: null },
      )
    }
  }
  return states
}
