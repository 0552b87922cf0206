/**
 * Approving a year (spec/surplus.md §7): one DB.batch that stores the report (a header row and
 * one row per member line), books the reserve and the patronage allocation in the ledger, and
 * fails as a whole if the year was approved meanwhile (surplus_approvals' primary key). The
 * allocation's postings are built by SQL from the stored member rows (INSERT … SELECT), so a
 * year of 10,000 members is a handful of statements, not 20,000 bound rows.
 */
import type { DB } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { reserve } from '../ledger/builders-coop.ts'
import { LedgerAccount as A } from '../ledger/chart.ts'
import { balanceGuard, recordTransaction } from '../ledger/repository.ts'
import { newId } from '../lib/crypto.ts'
import { outboxStatements, sendJobs } from '../jobs/outbox.ts'
import { patronageNoticesJob } from '../notify/patronage.ts'
import { atomically, prepareSql } from '../lib/db.ts'
import { sumCents } from '../lib/money.ts'
import { approvalOf, memberLineOf, statementsOf } from './repository.ts'
import { assembleReport } from './report.ts'
import type { SurplusReport } from './types.ts'

/**
 * Member lines per INSERT … SELECT FROM json_each: about 80 kB of JSON (a line with five pools
 * is about 200 bytes), so even counted with its statement it stays under D1's 100 kB statement
 * limit, and far below the 2 MB a value may hold.
 */
const MEMBERS_PER_STATEMENT = 400

/** The report's header: everything but the member lines, as surplus_approvals stores it. */
function headerOf(report: SurplusReport): Omit<SurplusReport, 'members'> {
  const { members: _members, ...header } = report
  void _members
  return header
}

/** The stored report of an approved year, exactly as it was approved; null if not approved. */
export async function storedReport(db: DB, year: number): Promise<SurplusReport | null> {
  const [approval, rows] = await Promise.all([approvalOf(db, year), statementsOf(db, year)])
  if (!approval) return null
  const header = JSON.parse(approval.report) as Omit<SurplusReport, 'members'>
  return assembleReport(header, rows.map(memberLineOf))
}

/** The member lines as rows of surplus_statements, from JSON chunks. */
function statementInserts(d1: D1Database, report: SurplusReport) {
  const out: D1PreparedStatement[] = []
  for (let i = 0; i < report.members.length; i += MEMBERS_PER_STATEMENT) {
    const chunk = JSON.stringify(report.members.slice(i, i + MEMBERS_PER_STATEMENT))
    out.push(
      prepareSql(
        d1,
        `INSERT INTO surplus_statements
           (year, member_id, display_name, weights, parts, allocation, cash, retained, reportable)
         SELECT ?1, json_extract(m.value, '$.member_id'), json_extract(m.value, '$.display_name'),
           json_extract(m.value, '$.weights'), json_extract(m.value, '$.parts'),
           json_extract(m.value, '$.allocation'), json_extract(m.value, '$.cash'),
           json_extract(m.value, '$.retained'), json_extract(m.value, '$.reportable')
         FROM json_each(?2) m`,
        report.year,
        chunk,
      ),
    )
  }
  return out
}

/**
 * The patronage_allocation transaction from the stored rows: accounts created on first use, the
 * debit of undistributed surplus, one credit per cash and retained part above 0, the guard.
 */
function allocationStatements(db: DB, d1: D1Database, report: SurplusReport, at: string) {
  const txId = newId('ltx')
  const { year, currency } = report
  const memberAccounts = (prefix: string, type: string, column: 'cash' | 'retained') =>
    prepareSql(
      d1,
      `INSERT INTO ledger_accounts (code, type, member_id, currency, created_at)
       SELECT ?1 || member_id, ?2, member_id, ?3, ?4 FROM surplus_statements
       WHERE year = ?5 AND ${column} > 0
       ON CONFLICT DO NOTHING`,
      `${prefix}:`,
      type,
      currency,
      at,
      year,
    )
  return [
    prepareSql(
      d1,
      `INSERT INTO ledger_accounts (code, type, member_id, currency, created_at)
       VALUES (?1, 'equity', NULL, ?2, ?3) ON CONFLICT DO NOTHING`,
      A.undistributedSurplus,
      currency,
      at,
    ),
    memberAccounts('patronage_payable', 'liability', 'cash'),
    memberAccounts('retained_patronage', 'equity', 'retained'),
    db.insertInto('ledger_transactions').values({
      id: txId,
      kind: 'patronage_allocation',
      currency,
      occurred_at: at,
      reference: `allocation:${year}`,
      memo: `Patronage allocation FY${year}`,
      source_type: 'allocation',
      source_id: String(year),
    }),
    prepareSql(
      d1,
      `INSERT INTO ledger_entries (transaction_id, account, currency, debit_cents, credit_cents)
       SELECT ?1, ?2, ?3, sum(allocation), 0 FROM surplus_statements WHERE year = ?4
       UNION ALL
       SELECT ?1, 'patronage_payable:' || member_id, ?3, 0, cash
       FROM surplus_statements WHERE year = ?4 AND cash > 0
       UNION ALL
       SELECT ?1, 'retained_patronage:' || member_id, ?3, 0, retained
       FROM surplus_statements WHERE year = ?4 AND retained > 0`,
      txId,
      A.undistributedSurplus,
      currency,
      year,
    ),
    balanceGuard(db, txId),
  ]
}

/**
 * Stores `live` (the year's computed report) as approved by `by` at `now`, with its bookings,
 * in one batch. Throws the batch's error (a UNIQUE violation when approved meanwhile).
 */
export async function storeApproval(
  db: DB,
  env: Bindings,
  live: SurplusReport,
  by: string,
  now: Date,
): Promise<SurplusReport> {
  const at = now.toISOString()
  const report = assembleReport(
    { ...headerOf(live), status: 'approved', approved_at: at, approved_by: by },
    live.members,
  )
  const reserveTx = reserve(
    {
      id: newId('ltx'),
      currency: report.currency,
      occurredAt: at,
      memo: `Reserve FY${report.year}`,
    },
    { year: report.year, amount: sumCents([report.reserve, report.unallocated]) },
  )
  const allocated = sumCents(report.members.map((m) => m.allocation))
  // One job tells the members with an allocation (functions/notify/patronage.ts): a refused
  // approval tells no one, and the batch stays a handful of statements at any size.
  const notices = outboxStatements(
    env,
    allocated > 0 ? [patronageNoticesJob(report.year)] : [],
    now,
  )
  await atomically(env.DB, [
    db.insertInto('surplus_approvals').values({
      year: report.year,
      currency: report.currency,
      approved_by: by,
      approved_at: at,
      report: JSON.stringify(headerOf(report)),
      member_count: report.members.length,
    }),
    ...statementInserts(env.DB, report),
    ...(reserveTx ? recordTransaction(db, reserveTx) : []),
    ...(allocated > 0 ? allocationStatements(db, env.DB, report, at) : []),
    ...notices.statements,
  ])
  await sendJobs(env, notices.ids)
  return report
}
