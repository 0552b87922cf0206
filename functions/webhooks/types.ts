import type { Compilable } from 'kysely'

/** A statement a webhook handler contributes to the event's batch. */
export type Statement = Compilable | D1PreparedStatement
