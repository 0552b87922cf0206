/**
 * The board's inputs of a year: its rules, its income and expense entries (booked in the ledger
 * in the same batch) and its workers' hours. Every write is refused with 409 `year_approved`
 * once the year is approved, by a check first and by the database's triggers in a race.
 */
import type { DB } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { boardExpense, boardIncome } from '../ledger/builders-coop.ts'
import { recordTransaction } from '../ledger/repository.ts'
import { newId } from '../lib/crypto.ts'
import { currency as coopCurrency } from '../lib/config.ts'
import { atomically } from '../lib/db.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { fiscalYearOf } from './config.ts'
import * as repo from './repository.ts'
import { DEFAULT_RULES, surplusRules, type SurplusRules } from './rules.ts'
import type { EntryInput } from './schemas.ts'
import type { BoardEntry, WorkerHours } from './types.ts'
import { startOfLocalDay } from './year.ts'

const yearApproved = (year: number) =>
  new AppError(409, 'year_approved', `FY${year} is approved: its figures can no longer change.`)

/** A write the freezing triggers refused: the year was approved in the meantime. */
const isFrozen = (error: unknown) =>
  error instanceof Error && /the year is approved/.test(error.message)

/** Runs a write of `year`'s inputs: 409 when the year is (or meanwhile became) approved. */
async function whileOpen<T>(db: DB, year: number, write: () => Promise<T>): Promise<T> {
  if (await repo.approvalOf(db, year)) throw yearApproved(year)
  try {
    return await write()
  } catch (error) {
    if (isFrozen(error)) throw yearApproved(year)
    throw error
  }
}

/** The year's rules, or the defaults of §4 when the board set none. */
export async function yearRules(
  db: DB,
  env: Bindings,
  year: number,
): Promise<{ rules: SurplusRules; is_default: boolean }> {
  void env
  const row = await repo.rulesRowOf(db, year)
  if (!row) return { rules: structuredClone(DEFAULT_RULES), is_default: true }
  // Stored rules were validated when saved; parsing again keeps the type honest.
  return { rules: surplusRules.parse(JSON.parse(row.rules)), is_default: false }
}

/** Stores the year's rules; 409 `year_approved` once approved. */
export async function saveRules(
  db: DB,
  env: Bindings,
  year: number,
  rules: SurplusRules,
  by: string,
  now: Date,
): Promise<void> {
  void env
  const json = JSON.stringify(surplusRules.parse(rules))
  await whileOpen(db, year, () => repo.upsertRules(db, year, json, by, now.toISOString()).execute())
}

const entryOf = (row: Awaited<ReturnType<typeof repo.entriesOf>>[number]): BoardEntry => ({
  id: row.id,
  year: row.year,
  kind: row.kind,
  amount_cents: row.amount_cents,
  currency: row.currency,
  description: row.description,
  date: row.entry_date,
  created_by: row.created_by,
  created_at: row.created_at,
})

/** The board's entries of the year, by date. */
export async function listEntries(db: DB, env: Bindings, year: number): Promise<BoardEntry[]> {
  void env
  return (await repo.entriesOf(db, year)).map(entryOf)
}

/** Adds an entry and books it; 400 `fields.date` outside the year, 409 `year_approved`. */
export async function addEntry(
  db: DB,
  env: Bindings,
  year: number,
  input: EntryInput,
  by: string,
  now: Date,
): Promise<BoardEntry> {
  const fy = fiscalYearOf(env, year)
  if (input.date < fy.firstDay || input.date > fy.lastDay) {
    throw new AppError(400, 'invalid_input', 'Some fields need attention.', {
      date: `Choose a date in FY${year}: from ${fy.firstDay} to ${fy.lastDay}.`,
    })
  }
  const [y, m, d] = input.date.split('-').map(Number) as [number, number, number]
  const entry: BoardEntry = {
    id: newId('sen'),
    year,
    kind: input.kind,
    amount_cents: input.amount_cents,
    currency: coopCurrency(env),
    description: input.description,
    date: input.date,
    created_by: by,
    created_at: now.toISOString(),
  }
  // Booked at the first instant of its local day, so the income statement dates it right.
  const meta = {
    id: newId('ltx'),
    currency: entry.currency,
    occurredAt: startOfLocalDay(y, m, d, fy.timeZone).toISOString(),
    memo: input.description,
  }
  const build = input.kind === 'income' ? boardIncome : boardExpense
  const tx = build(meta, { entryId: entry.id, amount: entry.amount_cents })
  await whileOpen(db, year, () =>
    atomically(env.DB, [
      ...recordTransaction(db, tx),
      db.insertInto('surplus_entries').values({
        id: entry.id,
        year,
        kind: entry.kind,
        amount_cents: entry.amount_cents,
        currency: entry.currency,
        description: entry.description,
        entry_date: entry.date,
        ledger_transaction_id: tx.id,
        created_by: by,
        created_at: entry.created_at,
      }),
    ]),
  )
  return entry
}

/** Every current worker and anyone with hours recorded for the year, by name. */
export async function listHours(db: DB, env: Bindings, year: number): Promise<WorkerHours[]> {
  void env
  return (await repo.hoursOf(db, year)).map((row) => ({
    member_id: row.member_id,
    display_name: row.display_name,
    hundredths: Number(row.hundredths),
  }))
}

/** Records a worker's hours; 404 unknown account, 409 `not_a_worker`, 409 `year_approved`. */
export async function setHours(
  db: DB,
  env: Bindings,
  year: number,
  memberId: string,
  hundredths: number,
  by: string,
  now: Date,
): Promise<WorkerHours> {
  void env
  const account = await repo.accountWithWorker(db, memberId)
  if (!account) throw notFound('That account')
  if (!account.worker) {
    throw new AppError(409, 'not_a_worker', `${account.display_name} is not a worker.`)
  }
  await whileOpen(db, year, () =>
    repo.upsertHours(db, year, memberId, hundredths, by, now.toISOString()).execute(),
  )
  return { member_id: account.id, display_name: account.display_name, hundredths }
}
