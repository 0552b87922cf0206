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
  /** Shown on the seller's storefront. */
  bio?: string
  /** Whether the seller has finished payout onboarding, so their listings can be bought. */
  payoutsReady?: boolean
}

/**
 * The demo catalogue's artists besides Ari (tools/seed-listings.ts), one a line:
 * `handle | display name | bio`.
 */
export const DEMO_ARTISTS: DemoAccount[] = [
  'noor | Noor Haddad | Wheel-thrown stoneware glazed in small batches in a shared kiln by the river.',
  'tomas | Tomás Ferreira | Flat-colour landscapes of the coast and the sierra, painted in gouache and acrylic.',
  'ingrid | Ingrid Solberg | Weaver. Wool and linen from two nearby farms, dyed with plants from my garden.',
  'kwame | Kwame Asante | Boards, bowls and spoons turned and carved from storm-felled hardwood.',
  'lena | Lena Vogel | Surface designer: repeat patterns for sewists, printers and anyone who likes a tidy grid.',
  'priya | Priya Raman | Botanical illustration, drawn from life at the allotment, printed on cotton rag.',
  'sami | Sami Laine | Screen prints of northern hills and lakes, and the same views as desktop wallpapers.',
  'hana | Hana Kobayashi | Enamel and silver pendants, each fired by hand: no two patterns repeat.',
  'rosa | Rosa Delgado | Bookbinder. Marbled papers, linen thread and notebooks that lie flat.',
  'felix | Felix Obi | Geometric paintings in bold flat colour, after the Bauhaus and Lagos street signs.',
  'maud | Maud Girard | Illustrator of quiet places: prints, postcards and downloadable wallpapers.',
].map((line, i) => {
  const [handle, name, bio] = line.split(' | ')
  return {
    email: `${handle}@demo.coop`,
    display_name: name!,
    roles: [],
    seller: 'approved' as const,
    note: 'approved seller (demo catalogue)',
    bio,
    // Two artists have not finished payout onboarding: their listings show but cannot be bought.
    payoutsReady: i !== 5 && i !== 10,
  }
})

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
    bio: 'Risograph prints of coastal birds, printed in small runs on recycled paper.',
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
    roles: ['worker'],
    seller: 'pending',
    note: 'active member, worker; seller application waiting',
  },
  ...DEMO_ARTISTS,
]

const SHARE_CENTS = 1000
const SHARE_FEE_CENTS = 59

/** The id of a demo account: `acct_demo_` and the email's local part. */
export const demoAccountId = (email: string) => `acct_demo_${email.split('@')[0]}`

/**
 * The statements that create the demo accounts, each an active member with a paid share,
 * leaving out those whose emails are already there (so a database seeded by an older list
 * gains only the new accounts).
 */
export async function demoSeedStatements(db: DB, now = new Date(), existing = new Set<string>()) {
  const statements = []
  // Joined in October two years back, so the demo members were members through all of last
  // fiscal year, whose sales tools/seed-past-year.ts writes (demo data only).
  const joined = new Date(Date.UTC(now.getUTCFullYear() - 2, 9, 1))
  for (const [i, demo] of DEMO_ACCOUNTS.entries()) {
    if (existing.has(demo.email)) continue
    const id = demoAccountId(demo.email)
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
        // Demo accounts have confirmed addresses, so they can check out and sell at once.
        email_verified_at: at,
        membership_status: 'active',
        member_since: at,
        seller_status: demo.seller,
        seller_since: demo.seller === 'approved' ? at : null,
        bio: demo.bio ?? '',
        payouts_ready: demo.payoutsReady ? 1 : 0,
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
        kind: 'share_purchase',
        currency: 'usd',
        occurredAt: at,
        reference: `share:${checkout}`,
        memo: 'Member share paid (demo)',
        source: { type: 'share', id: `share_demo_${i}` },
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
      db.insertInto('membership_periods').values({
        id: `period_demo_${i}`,
        account_id: id,
        share_id: `share_demo_${i}`,
        started_at: at,
      }),
    )
    if (demo.seller !== 'none') {
      statements.push(
        db.insertInto('seller_applications').values({
          id: `app_demo_${i}`,
          account_id: id,
          statement:
            demo.bio ?? 'Hand-bound notebooks with marbled covers, stitched with linen thread.',
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

/** The demo seed as one SQL script, without the accounts whose emails are `existing`. */
export async function demoSeedSql(now = new Date(), existing = new Set<string>()): Promise<string> {
  const statements = await demoSeedStatements(compiler, now, existing)
  return statements.map(toSqlText).join('\n') + '\n'
}
