import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

/**
 * Two kinds of tests:
 * - `workers`: run inside workerd against the real Worker, local D1 (real migrations) and R2,
 *   with the Stripe emulator started once in Node by the global setup.
 * - `node`: the Stripe emulator driven by the real `stripe` package, and pure tooling.
 * Browser tests live in their own config (vitest.browser.config.ts) since they need Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./schema/migrations'),
                STRIPE_EMULATOR_URL: inject('stripeEmulatorUrl'),
                STRIPE_SECRET_KEY: 'sk_test_fairstall',
                STRIPE_WEBHOOK_SECRET: inject('stripeWebhookSecret'),
                // Optional until the global setup provides it (typed loosely for that reason).
                STRIPE_CONNECT_WEBHOOK_SECRET:
                  (inject as (key: string) => string | undefined)('stripeConnectWebhookSecret') ??
                  '',
                PUBLIC_URL: 'http://localhost:8787',
                // The local mailbox /_dev/mail, which tests read sent email through.
                DEV_MAILBOX: '1',
                // tests/workers/fuzz.test.ts: more runs, or the seed of a failure to replay.
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? '',
                FUZZ_SEED: process.env.FUZZ_SEED ?? '',
              },
              // Jobs sent by the code under test go to a queue nobody consumes, so no job runs
              // behind a test's back: the tests drive queue() and scheduled() themselves.
              queueProducers: { JOBS: { queueName: 'fairstall-jobs-tests' } },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['tests/workers/**/*.test.{ts,tsx}'],
          setupFiles: ['./tests/workers/apply-migrations.ts'],
          globalSetup: ['./tests/support/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/node/**/*.test.ts'],
        },
      },
    ],
  },
})
