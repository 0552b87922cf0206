/**
 * `npm run dev`: the whole marketplace on http://localhost:8787 (PORT) with demo data, the
 * Stripe emulator on 127.0.0.1:12111 (STRIPE_EMULATOR_PORT).
 */
import { DEMO_ACCOUNTS, DEMO_ARTISTS, DEMO_PASSWORD } from './seed.ts'
import { startStack } from './stack.ts'

const port = Number(process.env.PORT ?? 8787)
const emulatorPort = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111)

// The catalogue's artists are many: list them compactly after the accounts people sign in as.
const staff = DEMO_ACCOUNTS.filter((a) => !DEMO_ARTISTS.includes(a))
const wrap = (emails: string[]) =>
  Array.from(
    { length: Math.ceil(emails.length / 4) },
    (_, i) => `      ${emails.slice(i * 4, i * 4 + 4).join(', ')}`,
  )

const stack = await startStack({ port, emulatorPort, seed: true, verbose: true })

console.log(`
  Fairstall is running at ${stack.url}
  Stripe emulator: ${stack.emulatorUrl} (test card 4242 4242 4242 4242)

  Demo accounts, all with the password ${DEMO_PASSWORD}:
${staff.map((a) => `    ${a.email.padEnd(18)} ${a.note}`).join('\n')}
    and the demo catalogue's artists, approved sellers:
${wrap(DEMO_ARTISTS.map((a) => a.email)).join('\n')}

  Press Ctrl+C to stop.
`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stack.stop().then(() => process.exit(0)))
}
