/** Applying to sell and deciding applications: shared by the API and the pages. */
import type { Bindings, Viewer } from '../app.ts'
import { isActiveMember } from '../accounts/guards.ts'
import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, isUniqueViolation, notFound } from '../lib/errors.ts'
import { applicationView, findApplication } from './repository.ts'
import type { ApplicationInput, DecisionInput } from './schemas.ts'

/** Files an application for an active member: 403 for others, 409 when one is open or decided yes. */
export async function applyToSell(env: Bindings, viewer: Viewer, input: ApplicationInput) {
  if (!isActiveMember(viewer)) {
    throw new AppError(
      403,
      'membership_required',
      'Only active members may apply to sell: buy your member share first.',
    )
  }
  if (viewer.account.seller_status === 'approved') {
    throw new AppError(409, 'already_seller', 'You are already an approved seller.')
  }
  const db = database(env.DB)
  const now = new Date().toISOString()
  const id = newId('app')
  try {
    await atomically(env.DB, [
      db.insertInto('seller_applications').values({
        id,
        account_id: viewer.account.id,
        statement: input.statement,
        portfolio_url: input.portfolio_url,
        created_at: now,
      }),
      db
        .updateTable('accounts')
        .set({ seller_status: 'pending' })
        .where('id', '=', viewer.account.id),
    ])
  } catch (error) {
    // The partial UNIQUE index allows one pending application per member.
    if (isUniqueViolation(error)) {
      throw new AppError(
        409,
        'application_pending',
        'Your application is already waiting for a decision.',
      )
    }
    throw error
  }
  const row = await findApplication(db, id)
  if (!row) throw notFound('The application')
  return applicationView(row)
}

/**
 * Approves or rejects a pending application. The account's seller status changes only through
 * the row this decision wrote, so two admins deciding at once cannot both win; 409 for the loser.
 */
export async function decideApplication(
  env: Bindings,
  admin: Viewer,
  id: string,
  input: DecisionInput,
) {
  const db = database(env.DB)
  const application = await findApplication(db, id)
  if (!application) throw notFound('The application')
  if (application.status !== 'pending') {
    throw new AppError(
      409,
      'already_decided',
      `This application was already ${application.status}.`,
    )
  }
  const decidedAt = new Date().toISOString()
  const status = input.decision === 'approve' ? 'approved' : 'rejected'
  const [decided] = await atomically(env.DB, [
    db
      .updateTable('seller_applications')
      .set({
        status,
        note: input.note || null,
        decided_by: admin.account.id,
        decided_at: decidedAt,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending'),
    db
      .updateTable('accounts')
      .set({ seller_status: status, ...(status === 'approved' && { seller_since: decidedAt }) })
      .where('id', '=', application.account_id)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('seller_applications')
            .select('id')
            .where('id', '=', id)
            .where('decided_by', '=', admin.account.id)
            .where('decided_at', '=', decidedAt),
        ),
      ),
  ])
  if (!decided?.meta.changes) {
    throw new AppError(409, 'already_decided', 'Another admin decided this application first.')
  }
  const row = await findApplication(db, id)
  if (!row) throw notFound('The application')
  return applicationView(row)
}
