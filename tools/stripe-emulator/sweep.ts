import type { EmulatorContext } from './context'
import { settleBalance } from './objects/balance'
import { expireDueSessions } from './objects/checkout'
import { settleDueDebits } from './objects/payments'

/**
 * Does what Stripe does on its own clock once that clock has passed the moment: expires
 * sessions, makes pending funds available, settles bank debits. Run before every request, on a
 * timer, and after `/_emulator/clock/advance`.
 */
export function catchUp(ctx: EmulatorContext): void {
  expireDueSessions(ctx)
  settleDueDebits(ctx)
  settleBalance(ctx)
}
