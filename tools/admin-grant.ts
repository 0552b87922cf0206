/**
 * `npm run admin:grant -- <email> <role> [--remote]`: gives an existing account a staff role
 * (admin, board or worker) in local D1, or with --remote in the deployed database. This is how
 * a new co-op makes its first admin; after that, admins set roles in the app.
 */
import { spawnSync } from 'node:child_process'

import { compiler, toSqlText } from './sql.ts'

const args = process.argv.slice(2)
const remote = args.includes('--remote')
const [email, role] = args.filter((a) => !a.startsWith('--'))
const roles = ['admin', 'board', 'worker'] as const

if (!email || !role || !roles.includes(role as (typeof roles)[number])) {
  console.error('usage: npm run admin:grant -- <email> <admin|board|worker> [--remote]')
  process.exit(2)
}

const grant = compiler
  .insertInto('account_roles')
  .columns(['account_id', 'role', 'granted_at', 'granted_by'])
  .expression(
    compiler
      .selectFrom('accounts')
      .select((eb) => [
        'id',
        eb.val(role as (typeof roles)[number]).as('role'),
        eb.val(new Date().toISOString()).as('granted_at'),
        eb.val('admin:grant').as('granted_by'),
      ])
      .where('email', '=', email.trim().toLowerCase()),
  )
  .onConflict((oc) => oc.doNothing())
const check = compiler
  .selectFrom('account_roles')
  .innerJoin('accounts', 'accounts.id', 'account_roles.account_id')
  .select(['accounts.email', 'account_roles.role'])
  .where('accounts.email', '=', email.trim().toLowerCase())

const sql = `${toSqlText(grant)} ${toSqlText(check)}`
const result = spawnSync(
  process.execPath,
  [
    'node_modules/wrangler/bin/wrangler.js',
    'd1',
    'execute',
    'fairstall',
    remote ? '--remote' : '--local',
    '--json',
    '--command',
    sql,
  ],
  { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
)
if (result.status !== 0) {
  console.error(result.stdout, result.stderr)
  process.exit(1)
}
const output = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as {
  results: { role: string }[]
}[]
const held = output.at(-1)?.results.map((r) => r.role) ?? []
if (!held.includes(role)) {
  console.error(`No account with the email ${email}: sign up first, then grant the role.`)
  process.exit(1)
}
console.log(`${email} now holds: ${held.join(', ')} (${remote ? 'remote' : 'local'} database)`)
