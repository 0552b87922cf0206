import { createHmac } from 'node:crypto'

import { nowSeconds } from './ids'

/**
 * The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `${t}.${payload}`, keyed with the whole `whsec_…` string (Stripe does not decode it).
 */
export function signPayload(payload: string, secret: string, timestamp = nowSeconds()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')
  return `t=${timestamp},v1=${v1}`
}
