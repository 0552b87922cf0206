/**
 * The platform's commission on an order line, exactly as spec/surplus.md §2 says:
 * `round_half_up(subtotal × bp / 10000)`, raised to the minimum and lowered to the maximum where
 * they are set, and never above the line's subtotal (shipping is never commissioned). Pure.
 */
import { type Cents, basisPoints, isCents, mulDivRoundHalfUp } from '../lib/money.ts'

/** The co-op's commission settings (COMMISSION_BP, COMMISSION_MIN_CENTS, COMMISSION_MAX_CENTS). */
export interface CommissionRule {
  /** Basis points of the line subtotal: 1000 is 10 %. */
  bp: number
  minCents?: Cents
  maxCents?: Cents
}

/** The rule when nothing is configured: 10 %, no minimum, no maximum. */
export const DEFAULT_COMMISSION: CommissionRule = { bp: 1000 }

/** The commission of a line whose subtotal (unit price × quantity) is `subtotal`. */
export function lineCommission(subtotal: Cents, rule: CommissionRule): Cents {
  if (!isCents(subtotal)) throw new RangeError(`not an amount: ${subtotal}`)
  let commission = basisPoints(subtotal, rule.bp)
  if (rule.minCents !== undefined && commission < rule.minCents) commission = rule.minCents
  if (rule.maxCents !== undefined && commission > rule.maxCents) commission = rule.maxCents
  return commission > subtotal ? subtotal : commission
}

/**
 * The commission a refund of `refunded` cents of a line returns: `round_half_up(F × R / S)`,
 * so a full refund returns all of it. For the refunds increment; here so the rule stays one file.
 */
export function commissionReturned(commission: Cents, refunded: Cents, subtotal: Cents): Cents {
  if (refunded >= subtotal) return commission
  return mulDivRoundHalfUp(commission, refunded, subtotal)
}
