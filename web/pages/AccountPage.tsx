import { Layout, type PageProps } from '../components/Layout'
import { VerifyBanner } from '../components/account/VerifyBanner'
import {
  MembershipCard,
  type Membership,
  type MembershipExtras,
} from '../components/MembershipCard'
import { SellerCard, type SellerStatus } from '../components/SellerCard'
import type { OwnApplication } from '../components/types'

/** Props of {@link AccountPage}. */
export type AccountPageProps = PageProps & {
  account: {
    id: string
    email: string
    display_name: string
    /** False until the address is confirmed: the page shows how to confirm it. */
    email_verified?: boolean
    roles: string[]
    membership: Membership
    seller: SellerStatus
  }
  shareCents: number
  currency: string
  application?: OwnApplication | null
  /** A paid share being confirmed, a withdrawal waiting (functions/membership/status.ts). */
  membershipState?: MembershipExtras
}

const roleNames: Record<string, string> = {
  admin: 'Administrator',
  board: 'Board member',
  worker: 'Worker-member',
  seller: 'Seller',
}

/** The signed-in member's own page: who they are, their share, and their stall. */
export function AccountPage(props: AccountPageProps) {
  const { account } = props
  return (
    <Layout
      title="My account"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <h1>My account</h1>
      <p class="lede">Signed in as {account.display_name}.</p>
      {account.email_verified === false && (
        <VerifyBanner email={account.email} csrfToken={props.csrfToken} />
      )}
      <div class="card-grid">
        <MembershipCard
          membership={account.membership}
          shareCents={props.shareCents}
          currency={props.currency}
          csrfToken={props.csrfToken}
          extras={props.membershipState}
        />
        <SellerCard
          seller={account.seller}
          isActiveMember={account.membership.status === 'active'}
          application={props.application}
        />
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">Your details</h2>
          <dl class="details">
            <dt>Name</dt>
            <dd>{account.display_name}</dd>
            <dt>Email</dt>
            <dd>{account.email}</dd>
            <dt>Roles</dt>
            <dd>
              {account.roles.length > 0
                ? account.roles.map((role) => roleNames[role] ?? role).join(', ')
                : 'None'}
            </dd>
          </dl>
          <p>
            <a href="/account/settings">Account settings</a>: your profile, picture, email, password
            and signed-in devices.
          </p>
        </section>
        <section class="card" aria-labelledby="patronage-title">
          <h2 id="patronage-title">Patronage</h2>
          <p>Your share of the co-op’s surplus each year, and this year’s estimate so far.</p>
          <p>
            <a href="/account/patronage">Patronage</a>
          </p>
        </section>
      </div>
    </Layout>
  )
}
