/** The Hono app type shared by every feature: its bindings and per-request variables. */
import { Hono } from 'hono'

import type { AccountRow, StaffRole } from '../schema/tables.ts'

/** Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declared here. */
export interface Secrets {
  STRIPE_SECRET_KEY?: string
  STRIPE_WEBHOOK_SECRET?: string
  /** Signing secret of the Connect webhook endpoint (account.updated), when it has its own. */
  STRIPE_CONNECT_WEBHOOK_SECRET?: string
  /** The site's public origin, e.g. https://fairstall.example; defaults to the request's. */
  PUBLIC_URL?: string
  /** Set only by the local seed and tests: never in a deployment. */
  SEED_DEMO_DATA?: string
  /** "1" in the dev stack and the tests: the mailbox at /_dev/mail. Never in a deployment. */
  DEV_MAILBOX?: string
}

export type Bindings = Env & Secrets

/** The signed-in member, as the request handlers see them. */
export interface Viewer {
  account: AccountRow
  roles: StaffRole[]
  tokenHash: string
  csrfToken: string
}

export interface Variables {
  requestId: string
  nonce: string
  viewer: Viewer | null
}

export interface AppEnv {
  Bindings: Bindings
  Variables: Variables
}

/** A new router for a feature folder, typed with the app's bindings and variables. */
export const router = () => new Hono<AppEnv>()
