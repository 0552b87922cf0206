import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { Bindings } from '../../functions/app.ts'
import { currentFiscalYear, fiscalYearOf } from '../../functions/surplus/config.ts'

const configured = (month: string, zone: string) =>
  ({ ...env, FISCAL_YEAR_START_MONTH: month, COOP_TIME_ZONE: zone }) as Bindings

describe('the configured fiscal year', () => {
  it('is named by the year in which it ends', () => {
    const july = configured('7', 'America/Los_Angeles')
    // 2025-07-01 07:00 UTC is midnight in Los Angeles: FY2026 has just begun.
    expect(currentFiscalYear(july, new Date('2025-07-01T07:00:00Z'))).toBe(2026)
    expect(currentFiscalYear(july, new Date('2025-07-01T06:59:59Z'))).toBe(2025)
    expect(fiscalYearOf(july, 2026)).toMatchObject({
      firstDay: '2025-07-01',
      lastDay: '2026-06-30',
    })
    // wrangler.toml's default: calendar years in UTC.
    expect(currentFiscalYear(env as Bindings, new Date('2026-12-01T00:00:00Z'))).toBe(2026)
  })

  it('holds every instant in the year it names, whatever the month and zone', () => {
    const zones = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kathmandu']
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2001-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }),
        (month, zone, now) => {
          const config = configured(String(month), zone)
          const fy = fiscalYearOf(config, currentFiscalYear(config, now))
          const at = now.toISOString()
          expect(fy.start <= at && at < fy.end).toBe(true)
        },
      ),
    )
  })

  it('refuses a month outside 1–12 rather than shift every year', () => {
    expect(() => currentFiscalYear(configured('13', 'UTC'), new Date())).toThrow(RangeError)
    expect(currentFiscalYear(configured('', 'UTC'), new Date('2026-05-01'))).toBe(2026)
  })
})
