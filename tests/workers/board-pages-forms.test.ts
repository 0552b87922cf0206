/**
 * The board's forms without JavaScript: the rules editor (a preview changes nothing and shows
 * the figures; a save with bad shares shows the error beside the field and changes nothing; a
 * good save saves), the entry form and the hours form.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { formatMoney } from '../../web/components/money.ts'
import { type Client, becomeMember, call, csrfOf, form, grantRole, signUp } from './helpers.ts'

let board: Client
let worker: Client

const usd = (cents: number) => formatMoney(cents, 'usd')
const YEAR = 2026

type Pool = { name: string; role: string; basis: string; share: string }

/** The rules form's fields as a browser posts them. */
function rulesFields(pools: Pool[], intent: 'preview' | 'save', reserve = '10') {
  const fields: Record<string, string> = {
    intent,
    reserve_pct: reserve,
    cash_pct: '20',
    min_cash: '5.00',
    reportable: '10.00',
  }
  pools.forEach((pool, i) => {
    fields[`pools.${i}.name`] = pool.name
    fields[`pools.${i}.role`] = pool.role
    fields[`pools.${i}.basis`] = pool.basis
    fields[`pools.${i}.share_pct`] = pool.share
  })
  // The blank row the page offers for a new pool, sent empty.
  fields[`pools.${pools.length}.name`] = ''
  fields[`pools.${pools.length}.share_pct`] = ''
  return fields
}

async function post(path: string, fields: Record<string, string>) {
  const _csrf = await csrfOf(path.replace(/\/hours\/.*$/, '/hours'), board)
  const response = await call(path, { as: board, ...form({ ...fields, _csrf }) })
  return { response, html: response.status === 303 ? '' : await response.text() }
}

async function storedRules() {
  const response = await call(`/api/v1/board/years/${YEAR}/rules`, { as: board })
  return response.json<{ rules: { reserve_bp: number; pools: unknown[] }; is_default: boolean }>()
}

async function entries() {
  const response = await call(`/api/v1/board/years/${YEAR}/entries`, { as: board })
  return (await response.json<{ items: { amount_cents: number; description: string }[] }>()).items
}

const RULES_PATH = `/board/years/${YEAR}/rules`
const EVERYONE: Pool = { name: 'Everyone', role: 'member', basis: 'equal', share: '100' }
/** {@link EVERYONE}'s rules as the API takes them. */
const EQUAL = {
  reserve_bp: 1000,
  pools: [{ name: 'Everyone', role: 'member', share_bp: 10000, basis: 'equal' }],
  cash_bp: 2000,
  min_cash_cents: 500,
  reportable_cents: 1000,
}

beforeAll(async () => {
  board = await signUp({ display_name: 'Bea Board' })
  await grantRole(board, 'board')
  worker = await signUp({ display_name: 'Wes Worker' })
  await becomeMember(worker)
  await grantRole(worker, 'worker')
  const json = { kind: 'income', amount_cents: 100_000, description: 'Grant', date: '2026-02-01' }
  const added = await call(`/api/v1/board/years/${YEAR}/entries`, {
    method: 'POST',
    as: board,
    json,
  })
  expect(added.status).toBe(201)
})

describe('the rules form without JavaScript', () => {
  it('previews the figures of the draft and saves nothing', async () => {
    const before = await storedRules()
    const { response, html } = await post(RULES_PATH, rulesFields([EVERYONE], 'preview', '12.5'))
    expect(response.status).toBe(200)
    // The same figures as the API's preview of those rules, 12.5 % being 1250 basis points.
    const rules = { ...EQUAL, reserve_bp: 1250 }
    const preview = await call(`/api/v1/board/years/${YEAR}/preview`, {
      method: 'POST',
      as: board,
      json: { rules },
    })
    const expected = await preview.json<{ reserve: number; distributable: number }>()
    expect(expected.distributable).toBeGreaterThan(0)
    expect(html).toContain(usd(expected.reserve))
    expect(html).toContain(usd(expected.distributable))
    expect(html).toContain('This is a preview: nothing is saved yet.')
    expect(html).toContain('value="12.5"')
    expect(await storedRules()).toEqual(before)
  })

  it('shows bad shares beside the field, with a summary, and saves nothing', async () => {
    const before = await storedRules()
    const pools = [
      { ...EVERYONE, share: '60' },
      { name: 'Makers', role: 'member', basis: 'sales', share: '30.5' },
    ]
    const { response, html } = await post(RULES_PATH, rulesFields(pools, 'save'))
    expect(response.status).toBe(400)
    expect(html).toContain('There is a problem')
    expect(html).toContain('id="field-pools-error"')
    expect(html).toContain('add up to 9050 basis points')
    expect(html).toContain('id="field-pools.1.basis-error"')
    expect(html).toContain('href="#field-pools.1.basis"')
    const bad = await post(RULES_PATH, rulesFields([{ ...EVERYONE, share: '100.001' }], 'save'))
    expect(bad.response.status).toBe(400)
    expect(bad.html).toContain('id="field-pools.0.share_pct-error"')
    expect(await storedRules()).toEqual(before)
  })

  it('saves good rules, converting percentages exactly to basis points', async () => {
    const pools = [
      { ...EVERYONE, share: '95.55' },
      { name: 'Staff', role: 'worker', basis: 'hours', share: '4.45' },
    ]
    const { response } = await post(RULES_PATH, rulesFields(pools, 'save', '30.01'))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/board/years/${YEAR}?notice=saved`)
    const saved = await storedRules()
    expect(saved.is_default).toBe(false)
    expect(saved.rules.reserve_bp).toBe(3001)
    expect(saved.rules.pools).toEqual([
      { name: 'Everyone', role: 'member', basis: 'equal', share_bp: 9555 },
      { name: 'Staff', role: 'worker', basis: 'hours', share_bp: 445 },
    ])
  })
})

describe('the entry form', () => {
  it('adds an entry, reading the dollars exactly', async () => {
    const fields = { kind: 'expense', amount: '12.34', date: '2026-03-04', description: 'Hosting' }
    const { response } = await post(`/board/years/${YEAR}/entries`, fields)
    expect(response.status).toBe(303)
    expect((await entries()).find((e) => e.description === 'Hosting')?.amount_cents).toBe(1234)
    const page = await (await call(`/board/years/${YEAR}/entries`, { as: board })).text()
    expect(page).toContain('Hosting')
    expect(page).toContain(usd(-1234))
  })

  it('shows errors beside the fields and adds nothing', async () => {
    const count = (await entries()).length
    const bad = { kind: 'expense', amount: '1.234', date: '2025-12-31', description: 'Odd' }
    const { response, html } = await post(`/board/years/${YEAR}/entries`, bad)
    expect(response.status).toBe(400)
    expect(html).toContain('id="field-amount-error"')
    const outside = await post(`/board/years/${YEAR}/entries`, { ...bad, amount: '1.23' })
    expect(outside.response.status).toBe(400)
    expect(outside.html).toContain('id="field-date-error"')
    expect((await entries()).length).toBe(count)
  })
})

describe('the hours form', () => {
  it('sets a worker’s hours with two decimals and refuses three', async () => {
    const path = `/board/years/${YEAR}/hours/${worker.id}`
    const { response } = await post(path, { hours: '12.5' })
    expect(response.status).toBe(303)
    const page = await (await call(`/board/years/${YEAR}/hours`, { as: board })).text()
    expect(page).toContain('Wes Worker')
    expect(page).toContain('value="12.50"')
    const bad = await post(path, { hours: '1.234' })
    expect(bad.response.status).toBe(400)
    expect(bad.html).toContain(`id="hours-${worker.id}-error"`)
    const api = await call(`/api/v1/board/years/${YEAR}/hours`, { as: board })
    const items = (await api.json<{ items: { member_id: string; hundredths: number }[] }>()).items
    expect(items.find((row) => row.member_id === worker.id)?.hundredths).toBe(1250)
  })
})
