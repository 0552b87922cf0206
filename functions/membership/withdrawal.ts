/**
 * Leaving the co-op: a member asks to withdraw, and an admin records the withdrawal. Recording
 * ends the membership period, redeems the share (member capital → a redemption payable, repaid
 * outside the app under the bylaws) and makes the membership `withdrawn`, in one batch.
 */
import type { Bindings, Viewer } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, isUniqueViolation, notFound } from '../lib/errors.ts'
import { auditStatement } from '../audit/log.ts'
import { shareRedemption } from '../ledger/builders-coop.ts'
import { recordTransaction } from '../ledger/repository.ts'
import { currentMembership, pendingWithdrawalOf } from './repository.ts'
import type { WithdrawalRecordInput, WithdrawalRequestInput } from './schemas.ts'

/** `POST /membership/withdrawal`: the request waits for an admin; 409 when one already waits. */
export async function requestWithdrawal(
  env: Bindings,
  viewer: Viewer,
  input: WithdrawalRequestInput,
  now = new Date(),
) {
  const row = {
    id: newId('wdr'),
    account_id: viewer.account.id,
    reason: input.reason,
    created_at: now.toISOString(),
  }
  try {
    await database(env.DB).insertInto('withdrawal_requests').values(row).execute()
  } catch (error) {
    if (isUniqueViolation(error)) throw pendingConflict()
    throw error
  }
  return { ...row, status: 'pending' as const }
}

const pendingConflict = () =>
  new AppError(409, 'withdrawal_pending', 'Your withdrawal request is already with the admins.')

/** The moment a period ends for an effective date: that day's start (UTC), never before joining. */
function periodEnd(effectiveDate: string, startedAt: string): string {
  const end = `${effectiveDate}T00:00:00.000Z`
  return end < startedAt ? startedAt : end
}

/**
 * `POST /admin/accounts/:id/withdrawal`. An admin may record a withdrawal with or without a
 * pending request (a letter to the board counts too); a pending request is closed by it. The
 * effective date lies between the day of joining and today: a future withdrawal is recorded on
 * its day. 404 for no such account, 409 unless an active member (or when another admin won).
 */
export async function recordWithdrawal(
  env: Bindings,
  admin: Viewer,
  accountId: string,
  input: WithdrawalRecordInput,
  now = new Date(),
) {
  const db = database(env.DB)
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'membership_status'])
    .where('id', '=', accountId)
    .executeTakeFirst()
  if (!account) throw notFound('That account')
  const current = await currentMembership(db, accountId)
  if (account.membership_status !== 'active' || !current) {
    throw new AppError(409, 'not_member', 'Only an active member can withdraw.')
  }
  const { period, share } = current
  const today = now.toISOString().slice(0, 10)
  if (input.effective_date > today || input.effective_date < period.started_at.slice(0, 10)) {
    throw new AppError(400, 'invalid_input', 'Some fields need attention.', {
      effective_date: `Choose a date from ${period.started_at.slice(0, 10)} to ${today}.`,
    })
  }
  const endedAt = periodEnd(input.effective_date, period.started_at)
  const request = await pendingWithdrawalOf(db, accountId)
  const redemption = shareRedemption(
    { id: newId('ltx'), currency: share.currency, occurredAt: endedAt, memo: 'Member withdrew' },
    { shareId: share.id, memberId: accountId, amount: share.amount_cents },
  )
  try {
    await atomically(env.DB, [
      ...recordTransaction(db, redemption),
      db
        .updateTable('member_shares')
        .set({ redeemed_at: endedAt, redemption_ledger_transaction_id: redemption.id })
        .where('id', '=', share.id)
        .where('redeemed_at', 'is', null),
      db
        .updateTable('membership_periods')
        .set({
          ended_at: endedAt,
          end_reason: 'withdrawal',
          withdrawal_request_id: request?.id ?? null,
          ended_by: admin.account.id,
          end_note: input.note,
        })
        .where('id', '=', period.id)
        .where('ended_at', 'is', null),
      db
        .updateTable('withdrawal_requests')
        .set({ status: 'recorded', decided_at: now.toISOString(), decided_by: admin.account.id })
        .where('account_id', '=', accountId)
        .where('status', '=', 'pending'),
      db
        .updateTable('accounts')
        .set({ membership_status: 'withdrawn', withdrawn_at: endedAt })
        .where('id', '=', accountId)
        .where('membership_status', '=', 'active'),
      auditStatement(db, {
        actorId: admin.account.id,
        action: 'withdrawal_recorded',
        subjectType: 'account',
        subjectId: accountId,
        details: {
          effective_date: input.effective_date,
          note: input.note,
          share_id: share.id,
          request_id: request?.id ?? null,
        },
        at: now.toISOString(),
      }),
    ])
  } catch (error) {
    // Another admin recorded it first: the share's redemption reference is taken.
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'already_decided', 'This withdrawal was already recorded.')
    }
    throw error
  }
  return {
    account_id: accountId,
    membership: { status: 'withdrawn' as const, since: null },
    period: { id: period.id, started_at: period.started_at, ended_at: endedAt },
    share: { id: share.id, amount_cents: share.amount_cents, currency: share.currency },
    redemption_payable_cents: share.amount_cents,
    request_id: request?.id ?? null,
  }
}
