/**
 * Arranging the share race of issue 6: one member with two paid share checkouts whose
 * `checkout.session.completed` events have not been delivered yet.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'

import {
  type Client,
  type EmulatorEvent,
  call,
  emulatorEvents,
  payCheckout,
  sessionIdOf,
  signUp,
} from './helpers.ts'

export interface PaidCheckout {
  sessionId: string
  completed: EmulatorEvent
}

async function openAndPay(client: Client): Promise<PaidCheckout> {
  const response = await call('/api/v1/membership/checkout', { method: 'POST', as: client })
  expect(response.status).toBe(201)
  const { checkout_url } = await response.json<{ checkout_url: string }>()
  expect((await payCheckout(checkout_url)).status).toBe(303)
  const sessionId = sessionIdOf(checkout_url)
  const completed = (await emulatorEvents(sessionId)).find(
    (e) => e.type === 'checkout.session.completed',
  )
  if (!completed) throw new Error(`no completed event for ${sessionId}`)
  return { sessionId, completed }
}

/**
 * Two share checkouts paid by one member, neither delivered. The app reuses an open checkout,
 * so the first is aged past its expiry in the database (as if the member came back after it
 * lapsed while its page was still open in another tab) before the second is opened.
 */
export async function twoPaidShareCheckouts() {
  const client = await signUp()
  const first = await openAndPay(client)
  await env.DB.prepare(`UPDATE checkout_sessions SET expires_at = ? WHERE id = ?`)
    .bind(new Date(Date.now() - 1000).toISOString(), first.sessionId)
    .run()
  const second = await openAndPay(client)
  expect(second.sessionId).not.toBe(first.sessionId)
  return { client, first, second }
}

/** The member's shares, and the jobs about their checkouts. */
export async function shareState(client: Client) {
  const shares = await env.DB.prepare(
    `SELECT checkout_session_id FROM member_shares WHERE account_id = ?`,
  )
    .bind(client.id)
    .all<{ checkout_session_id: string }>()
  const jobs = await env.DB.prepare(
    `SELECT id, kind, status, attempts, last_error, dedupe_key FROM jobs
     WHERE json_extract(payload, '$.checkout_session_id') IN
       (SELECT id FROM checkout_sessions WHERE account_id = ?)`,
  )
    .bind(client.id)
    .all<{
      id: string
      kind: string
      status: string
      attempts: number
      last_error: string | null
      dedupe_key: string
    }>()
  return { shares: shares.results, jobs: jobs.results }
}

/** A Stripe URL nobody answers: every Stripe call fails as when Stripe is unreachable. */
export const UNREACHABLE_STRIPE = 'http://127.0.0.1:9'
