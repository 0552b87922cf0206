import type { TestProject } from 'vitest/node'

import { startStripeEmulator } from '../../tools/stripe-emulator/index.ts'

const WEBHOOK_SECRET = 'whsec_fairstall_tests'
/** Connect events (`account.updated`) are signed with their own endpoint's secret, as in production. */
const CONNECT_WEBHOOK_SECRET = 'whsec_fairstall_connect_tests'

/**
 * Starts one Stripe emulator on a free loopback port for the whole Workers test run. It runs in
 * "record" mode (no webhook URL): tests pay on its hosted page, then fetch the signed events it
 * would have sent and hand them to the Worker themselves.
 */
export default async function setup(project: TestProject) {
  const emulator = await startStripeEmulator({
    port: 0,
    webhookSecret: WEBHOOK_SECRET,
    connectWebhookSecret: CONNECT_WEBHOOK_SECRET,
  })
  project.provide('stripeEmulatorUrl', emulator.url)
  project.provide('stripeWebhookSecret', WEBHOOK_SECRET)
  project.provide('stripeConnectWebhookSecret', CONNECT_WEBHOOK_SECRET)
  return () => emulator.close()
}

declare module 'vitest' {
  export interface ProvidedContext {
    stripeEmulatorUrl: string
    stripeWebhookSecret: string
    stripeConnectWebhookSecret: string
  }
}
