/**
 * With a state file (as `npm run dev` runs it), the emulator keeps its objects across a restart,
 * so a connected account and a paid charge named in the local D1 still exist after one.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { startHarness } from './stripe-emulator.helpers'

const dir = await mkdtemp(join(tmpdir(), 'emulator-state-'))
const file = join(dir, 'stripe-emulator.json')

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the emulator with a state file', () => {
  it('knows its accounts and transfers again after a restart, and replays idempotent answers', async () => {
    const first = await startHarness(undefined, file)
    const account = await first.stripe.accounts.create(
      { type: 'express' },
      { idempotencyKey: 'acct-1' },
    )
    await first.emulator.close()

    const second = await startHarness(undefined, file)
    const again = await second.stripe.accounts.retrieve(account.id)
    expect(again.id).toBe(account.id)
    const replay = await second.stripe.accounts.create(
      { type: 'express' },
      { idempotencyKey: 'acct-1' },
    )
    expect(replay.id).toBe(account.id)
    await second.emulator.close()
  })

  it('starts empty without one', async () => {
    const fresh = await startHarness()
    const list = await fresh.stripe.accounts.list({ limit: 10 })
    expect(list.data).toEqual([])
    await fresh.emulator.close()
  })
})
