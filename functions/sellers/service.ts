/** Applying to sell and deciding applications: shared by the API and the pages. */
import { eventEmails } from '../notify/links.ts'
import type { Bindings, Viewer } from '../app.ts'
import { requirePermission } from '../access/api.ts'
import { requireVerifiedEmail } from '../account-tokens/gate.ts'
import { newId } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError, isUniqueViolation, notFound } from '../lib/errors.ts'
import type { ApplicationStatus } from '../../schema/tables.ts'
import { toPage } from '../lib/pagination.ts'
import { guardedAuditStatement, isAuditGuardRefusal } from '../audit/log.ts'
import { emailStatements } from '../email/outbox.ts'
import { sendJobs } from '../jobs/outbox.ts'
import { applicationDecidedEmail, recipients } from '../notify/emails.ts'
import { applicationView, findApplication, latestApplicationOf, queuePage } from './repository.ts'
import type { ApplicationInput, DecisionInput } from './schemas.ts'

/** Files an application for an active member: 403 for others, 409 when one is open or decided yes. */
export async function applyToSell(env: Bindings, viewer: Viewer, input: ApplicationInput) {
  requirePermission(
    viewer,
    'activeMember',
    'Only active members may apply to sell: buy your member share first.',
  )
  requireVerifiedEmail(viewer)
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
  const now = new Date()
  const decidedAt = now.toISOString()
  const status = input.decision === 'approve' ? 'approved' : 'rejected'
  const applicant = (await recipients(db, [application.account_id])).get(application.account_id)
  const email = applicant
    ? await emailStatements(
        db,
        env,
        eventEmails(() => [
          applicationDecidedEmail(env, applicant, id, status === 'approved', input.note ?? ''),
        ]),
        now,
      )
    : { statements: [], jobIds: [] }
  const ours = `SELECT 1 FROM seller_applications WHERE id = ?1 AND decided_by = ?2 AND decided_at = ?3`
  const batch = atomically(env.DB, [
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
    // Aborts the batch (its email too) when another admin's decision won the row.
    guardedAuditStatement(
      env.DB,
      {
        actorId: admin.account.id,
        action: status === 'approved' ? 'application_approved' : 'application_rejected',
        subjectType: 'application',
        subjectId: id,
        details: { note: input.note || null },
        at: decidedAt,
      },
      ours,
      id,
      admin.account.id,
      decidedAt,
    ),
    ...email.statements,
  ])
  const lostRace = () =>
    new AppError(409, 'already_decided', 'Another admin decided this application first.')
  const [decided] = await batch.catch((error: unknown) => {
    throw isAuditGuardRefusal(error) ? lostRace() : error
  })
  if (!decided?.meta.changes) throw lostRace()
  await sendJobs(env, email.jobIds)
  const row = await findApplication(db, id)
  if (!row) throw notFound('The application')
  return applicationView(row)
}

/** The member's latest application as the API shows it, or null (account and apply pages). */
export async function latestApplication(env: Bindings, accountId: string) {
  const row = await latestApplicationOf(database(env.DB), accountId)
  return row ? applicationView(row) : null
}

/** One page of the admins' queue (oldest first), each application with its applicant. */
export async function reviewQueue(
  env: Bindings,
  status: ApplicationStatus,
  limit: number,
  cursor: string | undefined,
) {
  const rows = await queuePage(database(env.DB), status, limit, cursor)
  const page = toPage(rows, limit, (row) => [row.created_at, row.id])
  return page.items.map((row) => ({
    ...applicationView(row),
    applicant: { id: row.account_id, display_name: row.applicant_name, email: row.applicant_email },
  }))
}
