/**
 * The answer schemas of the surplus API, for the OpenAPI document and the Workers tests' check
 * of every answer. The shapes are those of ./types.ts; objects are not strict (spec/api.md).
 */
import { z } from 'zod'

import { BASES, ROLES } from './rules.ts'

const period = z.object({ start: z.string(), end: z.string(), time_zone: z.string() })
const status = z.enum(['open', 'approved'])

const rules = z.object({
  reserve_bp: z.number().int(),
  pools: z.array(
    z.object({
      name: z.string(),
      role: z.enum(ROLES),
      share_bp: z.number().int(),
      basis: z.enum(BASES),
    }),
  ),
  cash_bp: z.number().int(),
  min_cash_cents: z.number().int(),
  reportable_cents: z.number().int(),
})

const pool = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  basis: z.enum(BASES),
  share_bp: z.number().int(),
  amount: z.number().int(),
  total_weight: z.number().int(),
  members: z.number().int(),
})

const member = z.object({
  member_id: z.string(),
  display_name: z.string(),
  weights: z.array(z.number().int()),
  parts: z.array(z.number().int()),
  allocation: z.number().int(),
  cash: z.number().int(),
  retained: z.number().int(),
  reportable: z.boolean(),
})

/** The report of spec/surplus.md §7. */
export const reportSchema = z.object({
  year: z.number().int(),
  status,
  currency: z.string(),
  period,
  rules,
  income: z.object({
    commission: z.number().int(),
    processing_fees: z.number().int(),
    dispute_losses: z.number().int(),
    other_income: z.number().int(),
    expenses: z.number().int(),
    net_surplus: z.number().int(),
  }),
  reserve: z.number().int(),
  distributable: z.number().int(),
  unallocated: z.number().int(),
  pools: z.array(pool),
  members: z.array(member),
  approved_at: z.string().nullable(),
  approved_by: z.string().nullable(),
})

/** `GET /board/years`. */
export const yearsSchema = z.object({
  items: z.array(
    z.object({
      year: z.number().int(),
      status: z.enum(['open', 'ended', 'approved']),
      period,
      rules_set: z.boolean(),
      entries: z.number().int(),
      net_surplus: z.number().int(),
      approved_at: z.string().nullable(),
    }),
  ),
})

/** A year's rules and whether they are the defaults. */
export const rulesAnswer = z.object({ rules, is_default: z.boolean() })

/** A board entry. */
export const entrySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  kind: z.enum(['income', 'expense']),
  amount_cents: z.number().int(),
  currency: z.string(),
  description: z.string(),
  date: z.string(),
  created_by: z.string(),
  created_at: z.string(),
})

/** A worker's hours, in hundredths and as hours. */
export const hoursSchema = z.object({
  member_id: z.string(),
  display_name: z.string(),
  hundredths: z.number().int(),
  hours: z.number(),
})

/** A member's statement of one year. */
export const statementSchema = z.object({
  year: z.number().int(),
  status,
  currency: z.string(),
  period,
  rules,
  pools: z.array(pool),
  member: member.nullable(),
  approved_at: z.string().nullable(),
})

/** `GET /me/patronage`. */
export const patronageSchema = z.object({
  years: z.array(statementSchema),
  current: statementSchema,
})
