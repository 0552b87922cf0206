/** How the board pages say a year, its status, a share and hours in words. */
import { hundredthsText } from './rules-draft'
import type { YearStatusView } from './types'

/** "FY2026". */
export const yearLabel = (year: number) => `FY${year}`

/** The status badge of a year: said in words, the tone only tints it. */
export function yearBadge(status: YearStatusView) {
  const badges = {
    open: { tone: 'pending', text: 'Open' },
    ended: { tone: 'neutral', text: 'Ended: awaiting approval' },
    approved: { tone: 'good', text: 'Approved' },
  } as const
  return badges[status]
}

/** Basis points as a percentage: 3000 → "30.00 %". */
export const percentText = (bp: number) => `${hundredthsText(bp)} %`

/** Hundredths of an hour as hours: 1250 → "12.50". */
export const hoursText = (hundredths: number) => hundredthsText(hundredths)

/** The words for a pool's role and basis. */
export const ROLE_WORDS: Record<string, string> = {
  member: 'Every member',
  seller: 'Sellers',
  worker: 'Workers',
}

export const BASIS_WORDS: Record<string, string> = {
  sales: 'Sales',
  purchases: 'Purchases',
  hours: 'Hours worked',
  tenure: 'Days of membership',
  equal: 'Equal shares',
}

/** The base of a year's pages. */
export const yearPath = (year: number) => `/board/years/${year}`
