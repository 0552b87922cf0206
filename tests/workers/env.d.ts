// Bindings that exist only in the Workers tests (see vitest.config.ts), and the main module's
// type so that `exports.default.fetch` from cloudflare:workers is typed.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    STRIPE_SECRET_KEY: string
    STRIPE_WEBHOOK_SECRET: string
    PUBLIC_URL: string
  }
  interface GlobalProps {
    mainModule: typeof import('../../functions/index.ts')
  }
}
