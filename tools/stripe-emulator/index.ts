import { createServer } from 'node:http'

import type { EmulatorContext } from './context'
import { createRequestHandler } from './server'
import { loadState, saver } from './persist'
import { EmulatorState } from './state'
import { catchUp } from './sweep'
import { EventBus } from './webhooks'

/** Options for {@link startStripeEmulator}. */
export interface StripeEmulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 12111. */
  port?: number
  /** Interface to bind. Default '127.0.0.1' (loopback only: the emulator has no real auth). */
  host?: string
  /** Secret used to sign webhook events (`whsec_…`), shared with the app. */
  webhookSecret: string
  /** When set, every event is POSTed here, signed, as Stripe would. Events are recorded anyway. */
  webhookUrl?: string
  /**
   * Secret of the Connect endpoint: events about connected accounts (`account.updated`) are
   * signed with it, as Stripe signs them for a Connect endpoint. Default: `webhookSecret`.
   */
  connectWebhookSecret?: string
  /** Where events about connected accounts are POSTed. Default: `webhookUrl`. */
  connectWebhookUrl?: string
  /** Processing fee in basis points. Default 290 (2.9 %). */
  feeBp?: number
  /** Fixed processing fee per charge, in minor units. Default 30. */
  feeFixedCents?: number
  /** Base URL for hosted pages, when people reach the emulator at another address. */
  publicUrl?: string
  /**
   * A file that keeps the emulator's objects across restarts (`npm run dev`, whose D1 outlives
   * a run): read on start, written after each request. Default: in memory only.
   */
  stateFile?: string
}

/** A running emulator. */
export interface StripeEmulator {
  /** Where it listens, e.g. `http://127.0.0.1:40123`. */
  url: string
  port: number
  /** Stops listening and drops pending deliveries. */
  close(): Promise<void>
}

/** How often Stripe's clock-driven work (expiry, settlement) is caught up on, unprompted. */
const EXPIRY_SWEEP_MS = 1000

/**
 * Starts the local Stripe emulator: the part of Stripe's HTTP API that Fairstall uses, hosted
 * Checkout and onboarding pages, signed webhooks and fault switches, all in memory.
 */
export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const host = options.host ?? '127.0.0.1'
  const state = new EmulatorState()
  if (options.stateFile) loadState(state, options.stateFile)
  const saves = options.stateFile ? saver(state, options.stateFile) : null
  const events = new EventBus(state, {
    webhookSecret: options.webhookSecret,
    webhookUrl: options.webhookUrl,
    connectWebhookSecret: options.connectWebhookSecret,
    connectWebhookUrl: options.connectWebhookUrl,
  })
  const ctx: EmulatorContext = {
    state,
    events,
    baseUrl: '',
    fee: { bp: options.feeBp ?? 290, fixedCents: options.feeFixedCents ?? 30 },
  }
  const handle = createRequestHandler(ctx)
  const server = createServer((request, response) => {
    if (saves) response.once('finish', () => saves.schedule())
    return handle(request, response)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 12111, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 12111)
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  ctx.baseUrl = (options.publicUrl ?? url).replace(/\/$/, '')
  const sweep = setInterval(() => catchUp(ctx), EXPIRY_SWEEP_MS)
  sweep.unref()
  return {
    url,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        clearInterval(sweep)
        events.close()
        server.close(() => resolve())
        // Keep-alive sockets (stripe-node holds some) would otherwise delay close.
        server.closeAllConnections()
      })
      await saves?.flush()
    },
  }
}
