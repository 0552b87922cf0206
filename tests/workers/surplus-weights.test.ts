import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { database } from '../../functions/lib/db.ts'
import { patronageWeights } from '../../functions/surplus/weights.ts'
import { fiscalYear, localDate } from '../../functions/surplus/year.ts'
import { becomeMember, signUp } from './helpers.ts'
import { account, period, refund, sale } from './surplus-weights-rows.ts'

const db = database(env.DB)
const LA = 'America/Los_Angeles'
// FY2024 of a co-op whose year starts in July, in Los Angeles: 2023-07-01 to 2024-06-30 local.
const fy = (year: number) => fiscalYear(year, 7, LA)

/** The weights of the given members in a year, by member id. */
async function weightsOf(year: number, ...members: string[]) {
  const all = await patronageWeights(db, fy(year), 'usd')
  return Object.fromEntries(
    all.filter((m) => members.includes(m.member_id)).map((m) => [m.member_id, m]),
  )
}

beforeAll(async () => {
  // One real share purchase, so the ledger holds a transaction the direct rows can cite.
  await becomeMember(await signUp({ display_name: 'First Member' }))
})

describe('the fiscal year', () => {
  it('runs from local midnight of the first day of the start month, DST included', () => {
    expect(fiscalYear(2026, 7, LA)).toEqual({
      year: 2026,
      timeZone: LA,
      start: '2025-07-01T07:00:00.000Z',
      end: '2026-07-01T07:00:00.000Z',
      firstDay: '2025-07-01',
      lastDay: '2026-06-30',
    })
    // January in Los Angeles is standard time (UTC−8); Sydney's is daylight time (UTC+11).
    expect(fiscalYear(2026, 1, LA).start).toBe('2026-01-01T08:00:00.000Z')
    expect(fiscalYear(2026, 1, 'Australia/Sydney').start).toBe('2025-12-31T13:00:00.000Z')
    expect(fiscalYear(2026, 1, 'UTC')).toMatchObject({
      start: '2026-01-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
      lastDay: '2026-12-31',
    })
  })

  it('refuses a month outside 1–12 and a zone that does not exist', () => {
    expect(() => fiscalYear(2026, 13, 'UTC')).toThrow(RangeError)
    expect(() => fiscalYear(2026, 0, 'UTC')).toThrow(RangeError)
    expect(() => fiscalYear(2026, 1, 'Mars/Olympus_Mons')).toThrow(RangeError)
  })

  it('holds exactly the instants whose local date falls in it, for every month and zone', () => {
    const zones = [
      'UTC',
      LA,
      'Europe/London',
      'Australia/Sydney',
      'America/Santiago', // clocks jump at midnight
      'Asia/Kolkata',
      'Pacific/Chatham',
    ]
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2060 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...zones),
        fc.double({ min: -0.05, max: 1.05, noNaN: true }),
        (year, month, zone, where) => {
          const { start, end, firstDay, lastDay } = fiscalYear(year, month, zone)
          const [from, to] = [Date.parse(start), Date.parse(end)]
          // The years tile time: each ends where the next begins.
          expect(fiscalYear(year + 1, month, zone).start).toBe(end)
          expect(localDate(start, zone)).toBe(firstDay)
          expect(localDate(new Date(from - 1), zone) < firstDay).toBe(true)
          expect(localDate(new Date(to - 1), zone)).toBe(lastDay)
          expect(localDate(end, zone) > lastDay).toBe(true)
          const instant = new Date(Math.round(from + where * (to - from)))
          const day = localDate(instant, zone)
          const inside = instant.getTime() >= from && instant.getTime() < to
          expect(day >= firstDay && day <= lastDay).toBe(inside)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('patronage weights', () => {
  it('counts a sale at 23:30 local on the last day in that year, whatever UTC says', async () => {
    const [seller, buyer] = [await account('Late Potter', true), await account('Late Buyer')]
    await period(seller, '2020-01-01T00:00:00.000Z')
    await period(buyer, '2023-06-15T12:00:00.000Z')
    // 2024-06-30 23:30 in Los Angeles (UTC−7) is 2024-07-01 06:30 UTC.
    await sale(seller, buyer, 4200, '2024-07-01T06:30:00.000Z')
    // And 00:30 local on the first day of the next year is not in it.
    await sale(seller, buyer, 100, '2024-07-01T07:30:00.000Z')
    const got = await weightsOf(2024, seller, buyer)
    expect(got[seller]).toMatchObject({
      display_name: 'Late Potter',
      roles: ['member', 'seller'],
      weights: { sales: 4200, purchases: 0, hours: 0, equal: 1 },
    })
    expect(got[buyer]?.weights).toMatchObject({ sales: 0, purchases: 4200, equal: 1 })
    // The buyer joined 2023-06-15 local: 382 days to 2024-06-30, both counted (2024 leaps).
    expect(got[buyer]?.weights.tenure).toBe(382)
    expect(got[buyer]?.roles).toEqual(['member'])
    expect((await weightsOf(2025, seller))[seller]?.weights.sales).toBe(100)
  })

  it('counts sales only within membership periods; tenure from the current one', async () => {
    const [left, rejoined, buyer] = [
      await account('Left Weaver', true),
      await account('Back Again', true),
      await account('Steady Buyer'),
    ]
    await period(buyer, '2020-01-01T00:00:00.000Z')
    // Left: last day 2023-12-31. A sale before counts; one after leaving does not.
    await period(left, '2020-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')
    await sale(left, buyer, 1000, '2023-10-01T18:00:00.000Z')
    await sale(left, buyer, 9000, '2024-03-01T18:00:00.000Z')
    // Rejoined: in, out from 2023-09-01, back on 2024-02-10 local. Both periods' sales count.
    await period(rejoined, '2020-01-01T00:00:00.000Z', '2023-09-01T00:00:00.000Z')
    await period(rejoined, '2024-02-10T18:00:00.000Z')
    await sale(rejoined, buyer, 300, '2023-08-01T18:00:00.000Z')
    await sale(rejoined, buyer, 5000, '2023-12-01T18:00:00.000Z')
    await sale(rejoined, buyer, 20, '2024-03-01T18:00:00.000Z')
    const got = await weightsOf(2024, left, rejoined, buyer)
    expect(got[left]?.weights).toEqual({ sales: 1000, purchases: 0, hours: 0, tenure: 0, equal: 0 })
    expect(got[rejoined]?.weights).toMatchObject({ sales: 320, equal: 1 })
    // 2024-02-10 to 2024-06-30 (a leap year): 20 + 31 + 30 + 31 + 30 days.
    expect(got[rejoined]?.weights.tenure).toBe(142)
    // The buyer bought while a member all along, from members and former members alike.
    expect(got[buyer]?.weights.purchases).toBe(1000 + 9000 + 300 + 5000 + 20)
    // Gone before FY2025: no weight and no place in the year's members.
    expect(await weightsOf(2025, left)).toEqual({})
  })

  it('takes refunds in the year they succeed, and never below 0', async () => {
    const [seller, buyer] = [await account('Refunding Potter', true), await account('Buyer')]
    await period(seller, '2020-01-01T00:00:00.000Z')
    await period(buyer, '2020-01-01T00:00:00.000Z')
    const kept = await sale(seller, buyer, 3000, '2024-01-10T18:00:00.000Z')
    await refund(kept, 1000, '2024-02-10T18:00:00.000Z')
    const late = await sale(seller, buyer, 5000, '2024-05-01T18:00:00.000Z')
    await refund(late, 2000, '2024-07-15T18:00:00.000Z')
    const got = await weightsOf(2024, seller, buyer)
    expect(got[seller]?.weights.sales).toBe(3000 - 1000 + 5000)
    expect(got[buyer]?.weights.purchases).toBe(3000 - 1000 + 5000)
    // FY2025 has only the late refund: −2000, held at 0; both stay members by tenure and equal.
    const next = await weightsOf(2025, seller, buyer)
    expect(next[seller]?.weights).toMatchObject({ sales: 0, purchases: 0, equal: 1 })
    expect(next[buyer]?.weights).toMatchObject({ sales: 0, purchases: 0, equal: 1 })
  })

  it('gives a year with no activity and no members no one', async () => {
    expect(await patronageWeights(db, fy(2001), 'usd')).toEqual([])
  })

  it('marks workers and lists members in member id order', async () => {
    const worker = await account('Worker')
    await period(worker, '2021-03-01T00:00:00.000Z')
    await env.DB.prepare(
      `INSERT INTO account_roles (account_id, role, granted_at) VALUES (?, 'worker', ?)`,
    )
      .bind(worker, '2021-03-01T00:00:00.000Z')
      .run()
    const all = await patronageWeights(db, fy(2024), 'usd')
    expect(all.find((m) => m.member_id === worker)?.roles).toEqual(['member', 'worker'])
    const ids = all.map((m) => m.member_id)
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })
})
