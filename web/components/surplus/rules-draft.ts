/**
 * The rules editor's form as typed, and the rules it stands for. Shared by the Worker (the form
 * posted without JavaScript) and the RulesPreview island (the same form read as the board
 * types), so both turn the same text into the same rules. Shares are typed as percentages with
 * at most two decimals and converted exactly to basis points by their digits ("12.34" → 1234),
 * never by a float multiply; amounts are typed in dollars and parsed by the refund form's
 * parser. Validating the rules is the API's schema's job (functions/surplus/rules.ts): this only
 * reads the numbers and renames the schema's paths back to the form's fields.
 */
import { formatDecimalInput, parseDecimalInput } from '../money'

/** One pool row as typed. */
export type PoolDraft = { name: string; role: string; basis: string; share_pct: string }

/** The whole form as typed. */
export type RulesDraft = {
  reserve_pct: string
  cash_pct: string
  min_cash: string
  reportable: string
  pools: PoolDraft[]
}

/** The shape of the rules (functions/surplus/rules.ts `SurplusRules`), as plain data. */
export type RulesData = {
  reserve_bp: number
  pools: { name: string; role: string; share_bp: number; basis: string }[]
  cash_bp: number
  min_cash_cents: number
  reportable_cents: number
}

/** Hundredths as a two-decimal text: 1234 → "12.34", 5 → "0.05". */
export function hundredthsText(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100)
  return `${whole}.${String(hundredths % 100).padStart(2, '0')}`
}

/**
 * Hundredths from a number typed with at most two decimals ("12.5" → 1250), or null when it is
 * not one or is above `max` hundredths. A trailing "%" is allowed, as people type it.
 */
export function parseHundredths(text: string, max: number): number | null {
  const trimmed = text.trim().replace(/\s*%$/, '')
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(trimmed)) return null
  const [whole = '', decimals = ''] = trimmed.split('.')
  const value = Number(`${whole}${decimals.padEnd(2, '0')}`)
  return value <= max ? value : null
}

const PERCENT_MESSAGE =
  'Enter a percentage from 0 to 100 with at most two decimals, like 30 or 12.5.'
const SHARE_MESSAGE =
  "Enter the pool's share as a percentage above 0, at most 100, like 70 or 12.5."
const MONEY_MESSAGE = 'Enter an amount in dollars, like 5.00.'

/** The form's text for stored rules. */
export function draftFromRules(rules: RulesData, currency: string): RulesDraft {
  return {
    reserve_pct: hundredthsText(rules.reserve_bp),
    cash_pct: hundredthsText(rules.cash_bp),
    min_cash: formatDecimalInput(rules.min_cash_cents, currency),
    reportable: formatDecimalInput(rules.reportable_cents, currency),
    pools: rules.pools.map((pool) => ({
      name: pool.name,
      role: pool.role,
      basis: pool.basis,
      share_pct: hundredthsText(pool.share_bp),
    })),
  }
}

/**
 * The draft from posted fields (`pools.3.name`…). Rows ticked "remove" and rows left blank
 * (no name, no share) are dropped, and the rest renumbered, so a row's index in the draft is
 * its pool's index in the rules and the schema's `pools.1.basis` names the row shown second.
 */
export function draftFromFields(fields: Record<string, string>, maxRows: number): RulesDraft {
  const pools: PoolDraft[] = []
  for (let row = 0; row < maxRows; row += 1) {
    const field = (name: string) => fields[`pools.${row}.${name}`] ?? ''
    if (field('remove')) continue
    const pool = {
      name: field('name'),
      role: field('role'),
      basis: field('basis'),
      share_pct: field('share_pct'),
    }
    if (pool.name.trim() === '' && pool.share_pct.trim() === '') continue
    pools.push(pool)
  }
  return {
    reserve_pct: fields.reserve_pct ?? '',
    cash_pct: fields.cash_pct ?? '',
    min_cash: fields.min_cash ?? '',
    reportable: fields.reportable ?? '',
    pools,
  }
}

/**
 * The rules a draft stands for, with the errors of the numbers that could not be read (keyed by
 * the form's field names). A field that could not be read is left out, so the API's schema
 * still checks everything else; the form's own message wins for that field.
 */
export function rulesFromDraft(
  draft: RulesDraft,
  currency: string,
): { rules: Partial<RulesData>; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const percent = (field: string, text: string, message = PERCENT_MESSAGE) => {
    const value = parseHundredths(text, 10_000)
    if (value === null) errors[field] = message
    return value ?? undefined
  }
  const money = (field: string, text: string) => {
    const value = parseDecimalInput(text, currency)
    if (value === null) errors[field] = MONEY_MESSAGE
    return value ?? undefined
  }
  const rules = {
    reserve_bp: percent('reserve_pct', draft.reserve_pct),
    pools: draft.pools.map((pool, index) => ({
      name: pool.name,
      role: pool.role,
      basis: pool.basis,
      share_bp: percent(`pools.${index}.share_pct`, pool.share_pct, SHARE_MESSAGE),
    })),
    cash_bp: percent('cash_pct', draft.cash_pct),
    min_cash_cents: money('min_cash', draft.min_cash),
    reportable_cents: money('reportable', draft.reportable),
  }
  return { rules: rules as Partial<RulesData>, errors }
}

/** The form's name for a path of the rules schema. */
const FIELD_OF: Record<string, string> = {
  reserve_bp: 'reserve_pct',
  cash_bp: 'cash_pct',
  min_cash_cents: 'min_cash',
  reportable_cents: 'reportable',
}

/**
 * The schema's field errors (`pools.1.share_bp`, `reserve_bp`…) under the form's field names,
 * in the form's units: the schema speaks of basis points and cents, the form of % and dollars.
 * `rules.` in front (the preview API's body) is dropped; the form's own errors win.
 */
export function formErrors(
  fields: Record<string, string>,
  own: Record<string, string> = {},
): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const bare = path.replace(/^rules\./, '')
    const pool = /^pools\.(\d+)\.share_bp$/.exec(bare)
    if (pool) errors[`pools.${pool[1]}.share_pct`] = SHARE_MESSAGE
    else if (bare === 'reserve_bp' || bare === 'cash_bp') errors[FIELD_OF[bare]!] = PERCENT_MESSAGE
    else if (FIELD_OF[bare]) errors[FIELD_OF[bare]] = MONEY_MESSAGE
    else if (bare === '' || bare === '_' || bare === 'rules') errors.pools ??= message
    else errors[bare] = message
  }
  return { ...errors, ...own }
}
