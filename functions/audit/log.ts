/**
 * The admins' audit log: one append-only row per thing an admin did (0016_shipping_audit.sql
 * refuses UPDATE and DELETE). Each row is a statement for the batch of the change it records,
 * so a change that rolls back leaves no row, and a row never tells of a change that did not
 * happen.
 */
import { newId } from '../lib/crypto.ts'
import { type DB, prepareSql } from '../lib/db.ts'
import type { AuditAction, AuditLogTable, StaffRole } from '../../schema/tables.ts'

/** One row to write: who did what to which subject, and the action's details. */
export interface AuditEntry {
  actorId: string
  action: AuditAction
  subjectType: AuditLogTable['subject_type']
  subjectId: string
  details: Record<string, unknown>
  at: string
}

/** The insert of one audit row, for the batch of the change it records. */
export function auditStatement(db: DB, entry: AuditEntry) {
  return db.insertInto('audit_log').values({
    id: newId('aud'),
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    details: JSON.stringify(entry.details),
  })
}

/**
 * The insert of one audit row that ABORTS its batch unless `guard` (a SELECT) finds a row: its
 * actor is NULL then, which the NOT NULL column refuses. For a change whose own UPDATE may lose
 * a race and change nothing: the whole batch (the emails it would send included) rolls back
 * instead of logging what did not happen. {@link isAuditGuardRefusal} tells the error.
 */
export function guardedAuditStatement(
  d1: D1Database,
  entry: AuditEntry,
  guard: string,
  ...guardParams: unknown[]
): D1PreparedStatement {
  // The guard numbers its own parameters from ?1; they follow the seven of the row.
  const offset = 7
  const renumbered = guard.replace(/\?(\d+)/g, (_, n: string) => `?${Number(n) + offset}`)
  return prepareSql(
    d1,
    `INSERT INTO audit_log (id, at, actor_id, action, subject_type, subject_id, details)
     VALUES (?1, ?2, (SELECT ?3 WHERE EXISTS (${renumbered})), ?4, ?5, ?6, json(?7))`,
    newId('aud'),
    entry.at,
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    JSON.stringify(entry.details),
    ...guardParams,
  )
}

/** Whether a batch failed on {@link guardedAuditStatement}'s guard (the change lost a race). */
export function isAuditGuardRefusal(error: unknown): boolean {
  const message = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : ''
  return /NOT NULL constraint failed: audit_log\.actor_id/.test(message)
}

/**
 * The audit rows of setting an account's roles to `roles`: one `role_granted` per role it did
 * not have, one `role_revoked` per role it loses. They go BEFORE the statements that change
 * account_roles in the same batch: the batch is one transaction, so they compare against the
 * roles as they are inside it, and two admins racing cannot log a change that did not happen.
 */
export function roleChangeAuditStatements(
  d1: D1Database,
  actorId: string,
  accountId: string,
  roles: readonly StaffRole[],
  at: string,
): D1PreparedStatement[] {
  const wanted = JSON.stringify([...roles])
  const details = `json_object('role', r.value)`
  return [
    prepareSql(
      d1,
      `INSERT INTO audit_log (id, at, actor_id, action, subject_type, subject_id, details)
       SELECT 'aud_' || lower(hex(randomblob(12))), ?1, ?2, 'role_granted', 'account', ?3, ${details}
       FROM json_each(?4) r
       WHERE NOT EXISTS (SELECT 1 FROM account_roles WHERE account_id = ?3 AND role = r.value)`,
      at,
      actorId,
      accountId,
      wanted,
    ),
    prepareSql(
      d1,
      `INSERT INTO audit_log (id, at, actor_id, action, subject_type, subject_id, details)
       SELECT 'aud_' || lower(hex(randomblob(12))), ?1, ?2, 'role_revoked', 'account', ?3,
         json_object('role', r.role)
       FROM account_roles r
       WHERE r.account_id = ?3 AND r.role NOT IN (SELECT value FROM json_each(?4))`,
      at,
      actorId,
      accountId,
      wanted,
    ),
  ]
}
