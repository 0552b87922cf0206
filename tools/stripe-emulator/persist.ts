/**
 * Keeping the emulator's objects across restarts, for `npm run dev`: the local D1 outlives a
 * run, so the Stripe objects it names (a seller's connected account, an order's charge) must
 * too, or a transfer after a restart would name an account the emulator never heard of. The
 * state is written, whole, shortly after each change and on close; recorded events and fault
 * switches are not kept (they belong to one run).
 */
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

import type { AccountLinkState, EmulatorState, IdempotentResponse, StripeObject } from './state'

/** What the file holds: the state's maps as entry lists. */
interface Snapshot {
  version: 1
  objects: [string, StripeObject][]
  lineItems: [string, StripeObject[]][]
  sessionByPaymentIntent: [string, string][]
  accountLinks: [string, AccountLinkState][]
  idempotency: [string, IdempotentResponse][]
  clockOffset: number
}

/** Fills `state` from `file`, when there is one (a file from another version is ignored). */
export function loadState(state: EmulatorState, file: string): void {
  let snapshot: Snapshot
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
  } catch {
    return // none yet, or unreadable: start empty, as the first run did
  }
  if (snapshot.version !== 1) return
  const fill = <V>(map: Map<string, V>, entries: [string, V][]) => {
    for (const [key, value] of entries) map.set(key, value)
  }
  fill(state.objects, snapshot.objects)
  fill(state.lineItems, snapshot.lineItems)
  fill(state.sessionByPaymentIntent, snapshot.sessionByPaymentIntent)
  fill(state.accountLinks, snapshot.accountLinks)
  fill(state.idempotency, snapshot.idempotency)
  state.clockOffset = snapshot.clockOffset
}

/** Writes `state` to `file` (through a temporary file, so a crash never leaves half of it). */
export async function saveState(state: EmulatorState, file: string): Promise<void> {
  const snapshot: Snapshot = {
    version: 1,
    objects: [...state.objects],
    lineItems: [...state.lineItems],
    sessionByPaymentIntent: [...state.sessionByPaymentIntent],
    accountLinks: [...state.accountLinks],
    idempotency: [...state.idempotency],
    clockOffset: state.clockOffset,
  }
  await mkdir(dirname(file), { recursive: true })
  await writeFile(`${file}.tmp`, JSON.stringify(snapshot))
  await rename(`${file}.tmp`, file)
}

/** Coalesces saves: at most one write in flight, and one more after it when asked meanwhile. */
export function saver(state: EmulatorState, file: string) {
  let pending: Promise<void> | null = null
  let again = false
  const run = async (): Promise<void> => {
    do {
      again = false
      await saveState(state, file).catch((error: unknown) => {
        console.warn(`stripe emulator: could not save its state to ${file}:`, error)
      })
    } while (again)
    pending = null
  }
  return {
    /** Asks for a save soon. */
    schedule(): void {
      if (pending) again = true
      else pending = run()
    },
    /** Resolves once every asked-for save is written. */
    async flush(): Promise<void> {
      while (pending) await pending
    },
  }
}
