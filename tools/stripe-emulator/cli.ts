import { startStripeEmulator } from './index'

/**
 * Runs the emulator for `npm run dev`. Settings come from the environment:
 * STRIPE_EMULATOR_PORT (default 12111), STRIPE_WEBHOOK_URL (optional: where events are POSTed),
 * STRIPE_WEBHOOK_SECRET (default whsec_fairstall_local).
 */
const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `STRIPE_EMULATOR_PORT must be a port number, not ${process.env.STRIPE_EMULATOR_PORT}`,
  )
  process.exit(1)
}

const emulator = await startStripeEmulator({
  port,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || 'whsec_fairstall_local',
  webhookUrl: process.env.STRIPE_WEBHOOK_URL || undefined,
})
console.log(`Stripe emulator on ${emulator.url}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0))
  })
}
