/**
 * Demo data for `npm run dev` and the browser tests: never run against a deployment. Accounts
 * go through the same hashing, share register and ledger rules as the Worker's own writes.
 */
import { hashPassword } from '../functions/accounts/password.ts'
import { LedgerAccount } from '../functions/ledger/ledger.ts'
import { recordTransaction } from '../functions/ledger/repository.ts'
import type { DB, StaffRole } from '../schema/tables.ts'
import { compiler, toSqlText } from './sql.ts'

export const DEMO_PASSWORD = 'demo-password-1'

export interface DemoAccount {
  email: string
  display_name: string
  roles: StaffRole[]
  seller: 'none' | 'pending' | 'approved'
  note: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@demo.coop',
    display_name: 'Ada Okafor',
    roles: ['admin'],
    seller: 'none',
    note: 'admin',
  },
  {
    email: 'board@demo.coop',
    display_name: 'Bea Lindqvist',
    roles: ['board'],
    seller: 'none',
    note: 'board',
  },
  {
    email: 'artist@demo.coop',
    display_name: 'Ari Moreno',
    roles: [],
    seller: 'approved',
    note: 'active member, approved seller',
  },
  {
    email: 'buyer@demo.coop',
    display_name: 'Bo Tanaka',
    roles: [],
    seller: 'none',
    note: 'active member',
  },
  {
    email: 'maker@demo.coop',
    display_name: 'Mika Hale',
    roles: [],
    seller: 'pending',
    note: 'active member, seller application waiting',
  },
]

const SHARE_CENTS = 1000
const SHARE_FEE_CENTS = 59

/** The statements that create the demo accounts, each an active member with a paid share. */
export async function demoSeedStatements(db: DB, now = new Date()) {
  const statements = []
  const joined = new Date(now.getTime() - 120 * 86_400_000)
  for (const [i, demo] of DEMO_ACCOUNTS.entries()) {
    const id = `acct_demo_${demo.email.split('@')[0]}`
    const at = new Date(joined.getTime() + i * 86_400_000).toISOString()
    const checkout = `cs_demo_${i}`
    const tx = `ltx_demo_share_${i}`
    statements.push(
      db.insertInto('accounts').values({
        id,
        email: demo.email,
        password_hash: await hashPassword(DEMO_PASSWORD),
        display_name: demo.display_name,
        created_at: at,
        membership_status: 'active',
        member_since: at,
        seller_status: demo.seller,
        seller_since: demo.seller === 'approved' ? at : null,
      }),
      ...demo.roles.map((role) =>
        db
          .insertInto('account_roles')
          .values({ account_id: id, role, granted_at: at, granted_by: null }),
      ),
      db.insertInto('checkout_sessions').values({
        id: checkout,
        purpose: 'member_share',
        account_id: id,
        amount_cents: SHARE_CENTS,
        currency: 'usd',
        status: 'complete',
        url: 'http://localhost/demo',
        created_at: at,
        expires_at: at,
        completed_at: at,
      }),
      ...recordTransaction(db, {
        id: tx,
        kind: 'member_share',
        currency: 'usd',
        occurredAt: at,
        reference: `share:${checkout}`,
        memo: 'Member share paid (demo)',
        postings: [
          { account: LedgerAccount.stripeClearing, debit: SHARE_CENTS },
          { account: LedgerAccount.memberCapital(id), credit: SHARE_CENTS },
          { account: LedgerAccount.processingFees, debit: SHARE_FEE_CENTS },
          { account: LedgerAccount.stripeClearing, credit: SHARE_FEE_CENTS },
        ],
      }),
      db.insertInto('member_shares').values({
        id: `share_demo_${i}`,
        account_id: id,
        amount_cents: SHARE_CENTS,
        currency: 'usd',
        checkout_session_id: checkout,
        ledger_transaction_id: tx,
        issued_at: at,
      }),
    )
    if (demo.seller !== 'none') {
      statements.push(
        db.insertInto('seller_applications').values({
          id: `app_demo_${i}`,
          account_id: id,
          statement:
            demo.seller === 'approved'
              ? 'Risograph prints of coastal birds, printed in small runs on recycled paper.'
              : 'Hand-bound notebooks with marbled covers, stitched with linen thread.',
          portfolio_url: `https://${demo.email.split('@')[0]}.example/portfolio`,
          status: demo.seller === 'approved' ? 'approved' : 'pending',
          note: demo.seller === 'approved' ? 'Welcome aboard!' : null,
          decided_by: demo.seller === 'approved' ? 'acct_demo_admin' : null,
          decided_at: demo.seller === 'approved' ? at : null,
          created_at: at,
        }),
      )
    }
  }
  return statements
}

/** The demo seed as one SQL script. */
export async function demoSeedSql(now = new Date()): Promise<string> {
  const statements = await demoSeedStatements(compiler, now)
  return statements.map(toSqlText).join('\n') + '\n'
}
