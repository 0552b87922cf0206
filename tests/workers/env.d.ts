// Bindings that exist only in the Workers tests (see vitest.config.ts), and the main module's
// type so that `exports.default.fetch` from cloudflare:workers is typed.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    STRIPE_SECRET_KEY: string
    STRIPE_WEBHOOK_SECRET: string
    PUBLIC_URL: string
    /** Runs per route of the fuzzer ('' for its default). */
    FUZZ_RUNS: string
    /** The fuzzer's seed ('' for its fixed default). */
    FUZZ_SEED: string
  }
  interface GlobalProps {
    mainModule: typeof import('../../functions/index.ts')
  }
}
