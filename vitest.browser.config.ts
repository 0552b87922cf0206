import { defineConfig } from 'vitest/config'

/**
 * Browser tests: Debian's Chromium driven by playwright-core against the whole stack
 * (`wrangler dev`, local D1 seeded with the demo accounts, the Stripe emulator delivering
 * real signed webhooks), started once by the global setup.
 */
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['./tests/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One stack, one browser: files run one after another.
    fileParallelism: false,
  },
})
