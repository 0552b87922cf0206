/**
 * The year-end report's charts, rendered to HTML as the server sends them: each a figure with
 * a named SVG image, a caption and the figures as a table, labels in money as the pages write
 * it, a loss year below zero, an empty pool named, and a bounded drawing for 10,000 members.
 */
import { h, type VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { allocate, type PatronInput } from '../../functions/surplus/allocation.ts'
import { DEFAULT_RULES } from '../../functions/surplus/rules.ts'
import type { SurplusReport } from '../../functions/surplus/types.ts'
import { allocationBands, MAX_BANDS } from '../../web/components/surplus/charts/bands.ts'
import {
  AllocationDistribution,
  SurplusSplit,
  Waterfall,
} from '../../web/components/surplus/charts/index.ts'

const INCOME = {
  commission: 1_250_00,
  processing_fees: 80_00,
  dispute_losses: 20_00,
  other_income: 50_00,
  expenses: 200_00,
}

/** A report around a real allocation; no workers, so the Staff pool has nobody to share it. */
function reportOf(net: number, members: PatronInput[]): SurplusReport {
  const income = { ...INCOME, expenses: INCOME.expenses + (1_000_00 - net), net_surplus: net }
  return {
    year: 2026,
    status: 'open',
    currency: 'usd',
    period: { start: '2026-01-01', end: '2026-12-31', time_zone: 'UTC' },
    rules: DEFAULT_RULES,
    income,
    ...allocate({ netSurplus: net, rules: DEFAULT_RULES, members }),
    approved_at: null,
    approved_by: null,
  }
}

const seller = (i: number, sales: number): PatronInput => ({
  member_id: `m${String(i).padStart(5, '0')}`,
  display_name: `Seller ${i}`,
  roles: ['seller'],
  weights: { sales, purchases: sales % 7 },
})

// h() types a VNode by its props; renderToString takes any.
const html = <P>(node: VNode<P>) => renderToString(node as unknown as VNode)
/** The text of an element, its tags dropped, as a reader would hear it. */
const textOf = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const elements = (markup: string) => markup.match(/<[a-z]/g)?.length ?? 0

/** The figure's accessible parts: a named SVG image, a caption, the figures as a table. */
function expectFigure(markup: string, id: string) {
  expect(markup).toMatch(/^<figure class="chart"/)
  expect(markup).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`)
  expect(markup).toContain(`<title id="${id}-title">`)
  expect(markup).toContain(`<desc id="${id}-desc">`)
  expect(markup).toContain('viewBox="0 0 400 ')
  expect(markup).toContain('width="100%"')
  expect(markup).toMatch(/<figcaption[^>]*>[^<]+/)
  expect(markup).toMatch(/<details class="chart__data"><summary>[^<]+<\/summary><table/)
}

/** The table rows of a figure's text alternative, as [label, …cells]. */
const tableRows = (markup: string) =>
  [...markup.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].map((m) => [
    m[1]!,
    ...[...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!),
  ])

describe('the waterfall', () => {
  it('walks from commission to net surplus and on to what is left to distribute', () => {
    const report = reportOf(1_000_00, [seller(1, 500)])
    const markup = html(h(Waterfall, report))
    expectFigure(markup, 'waterfall')
    expect(tableRows(markup)).toEqual([
      ['Commission', '$1,250.00'],
      ['Processing fees', '−$80.00'],
      ['Dispute losses', '−$20.00'],
      ['Other income', '+$50.00'],
      ['Expenses', '−$200.00'],
      ['Net surplus', '$1,000.00'],
      ['To reserves', '−$300.00'],
      ['To distribute', '$700.00'],
    ])
    // Every bar is labelled in the drawing itself, not only in the table.
    const svg = textOf(markup.slice(0, markup.indexOf('</svg>')))
    for (const label of ['Commission', 'Dispute losses', 'Net surplus', '−$300.00', '$700.00'])
      expect(svg).toContain(label)
  })

  it('stops at the net surplus when no reserve is given', () => {
    const { income, currency } = reportOf(1_000_00, [])
    const rows = tableRows(html(h(Waterfall, { income, currency })))
    expect(rows.at(-1)).toEqual(['Net surplus', '$1,000.00'])
  })

  it('shows a loss year below the zero line, charged to reserves', () => {
    const report = reportOf(-150_00, [seller(1, 500)])
    const markup = html(h(Waterfall, report))
    expect(markup).toContain('<title id="waterfall-title">From commission to a net loss</title>')
    expect(textOf(markup)).toContain('ran at a loss of $150.00')
    expect(tableRows(markup).slice(-3)).toEqual([
      ['Net loss', '−$150.00'],
      ['Loss charged to reserves', '+$150.00'],
      ['To distribute', '$0.00'],
    ])
    const zero = Number(markup.match(/class="chart__zero" x1="([\d.]+)"/)![1])
    const loss = markup.slice(markup.indexOf('>Net loss<'))
    const bar = loss.match(/<rect class="chart__bar" x="([\d.]+)"[^>]* width="([\d.]+)"/)!
    expect(Number(bar[1])).toBeLessThan(zero)
    expect(Number(bar[1]) + Number(bar[2])).toBeCloseTo(zero, 6)
  })
})

describe('the split of the net surplus', () => {
  it('splits into reserve and pools, and names a pool nobody could share', () => {
    const report = reportOf(1_000_00, [seller(1, 500), seller(2, 1500)])
    const markup = html(h(SurplusSplit, report))
    expectFigure(markup, 'surplus-split')
    expect(tableRows(markup)).toEqual([
      ['Reserve', '30.0 %', '$300.00'],
      ['Artists', '49.0 %', '$490.00'],
      ['Buyers', '17.5 %', '$175.00'],
      ['Unallocated: no eligible member in Staff; goes to reserves', '3.5 %', '$35.00'],
    ])
    const svg = textOf(markup.slice(0, markup.indexOf('</svg>')))
    expect(svg).toContain('no eligible member in Staff')
    expect(svg).toContain('Artists (49.0 %) $490.00')
  })

  it('has nothing to split in a loss year, and says so', () => {
    const markup = html(h(SurplusSplit, reportOf(-150_00, [seller(1, 500)])))
    expectFigure(markup, 'surplus-split')
    expect(textOf(markup)).toContain("Nothing to split: the year's loss of $150.00")
    expect(tableRows(markup)).toEqual([['Loss charged to reserves', '—', '−$150.00']])
    expect(markup).not.toContain('class="chart__bar')
  })
})

describe('the distribution of allocations', () => {
  it('says so when no member had an allocation', () => {
    const markup = html(h(AllocationDistribution, reportOf(1_000_00, [])))
    expectFigure(markup, 'allocation-distribution')
    expect(textOf(markup)).toContain('No member had an allocation this year')
    expect(markup).not.toContain('class="chart__bar"')
  })

  it('puts one member in their band, as the median and the largest', () => {
    const report = reportOf(1_000_00, [seller(1, 500)])
    const markup = html(
      h(AllocationDistribution, { ...report, highlight: report.members[0]!.allocation }),
    )
    const rows = tableRows(markup)
    expect(rows.slice(0, 3)).toEqual([
      ['Under $5.00 (no cash)', '0'],
      ['$5.00 to $9.99', '0'],
      ['$10.00 to $19.99', '0'],
    ])
    // Their allocation is all of Artists and Buyers: $665.00.
    expect(rows).toContainEqual(['$500.00 and over (you)', '1'])
    expect(rows.slice(-2)).toEqual([
      ['Median allocation', '$665.00'],
      ['Largest allocation', '$665.00'],
    ])
    expect(textOf(markup)).toContain('1 member; median $665.00, largest $665.00')
  })

  it('draws 10,000 members in a handful of bands, every member counted once', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => seller(i, 1 + ((i * 7919) % 5000)))
    const report = reportOf(100_000_00, many)
    const markup = html(h(AllocationDistribution, report))
    const few = html(h(AllocationDistribution, reportOf(100_000_00, many.slice(0, 10))))
    expect(elements(markup)).toBeLessThan(150)
    expect(elements(markup)).toBeLessThan(elements(few) + 40)
    const bands = tableRows(markup).filter(([label]) => !label!.endsWith('allocation'))
    const counted = bands.reduce((sum, [, n]) => sum + Number(n!.replace(/,/g, '')), 0)
    expect(counted).toBe(10_000)
    expect(bands.length).toBeLessThanOrEqual(10)
    expect(textOf(markup)).toContain('10,000 members; median ')
  })
})

describe('the allocation bands', () => {
  it('are few, start at zero, and hold every allocation once, in its own band', () => {
    const cents = fc.integer({ min: 0, max: 1_000_000_000 })
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 50 }), cents, cents, (allocations, a, b) => {
        const [minCash, reportable] = a < b ? [a, b] : [b, a]
        const bands = allocationBands(allocations, minCash, reportable)
        expect(bands.length).toBeLessThanOrEqual(MAX_BANDS)
        expect(bands[0]!.from).toBe(0)
        expect(bands.at(-1)!.to).toBeNull()
        expect(bands.reduce((sum, band) => sum + band.count, 0)).toBe(allocations.length)
        bands.forEach((band) => {
          const inside = allocations.filter(
            (x) => x >= band.from && (band.to === null || x < band.to),
          )
          expect(band.count).toBe(inside.length)
        })
      }),
    )
  })
})
