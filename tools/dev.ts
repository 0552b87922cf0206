/**
 * `npm run dev`: the whole marketplace on http://localhost:8787 (PORT) with demo data, the
 * Stripe emulator on 127.0.0.1:12111 (STRIPE_EMULATOR_PORT).
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed.ts'
import { startStack } from './stack.ts'

const port = Number(process.env.PORT ?? 8787)
const emulatorPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111)

const stack = await startStack({ port, emulatorPort, seed: true, verbose: true })

console.log(`
  Fairstall is running at ${stack.url}
  Stripe emulator: ${stack.emulatorUrl} (test card 4242 4242 4242 4242)

  Demo accounts, all with the password ${DEMO_PASSWORD}:
${DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(18)} ${a.note}`).join('\n')}

  Press Ctrl+C to stop.
`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stack.stop().then(() => process.exit(0)))
}
