import { formatMoney } from '../../functions/lib/money'
import { DateText } from './DateText'
import { CsrfField, SubmitButton } from './forms'
import { StatusBadge } from './StatusBadge'

/** A membership as `/me` reports it. */
export type Membership = {
  status: 'none' | 'pending' | 'active' | 'withdrawn'
  since: string | null
}

const badges = {
  none: { tone: 'neutral', text: 'Not a member yet' },
  pending: { tone: 'pending', text: 'Payment being confirmed' },
  active: { tone: 'good', text: 'Active member' },
  withdrawn: { tone: 'neutral', text: 'Withdrawn' },
} as const

/** The member's stake in the co-op, and the way to buy the share when they hold none. */
export function MembershipCard(props: {
  membership: Membership
  shareCents: number
  currency: string
  csrfToken?: string
}) {
  const { status, since } = props.membership
  const share = formatMoney(props.shareCents, props.currency)
  return (
    <section class="card" aria-labelledby="membership-title">
      <div class="card__head">
        <h2 id="membership-title">Membership</h2>
        <StatusBadge tone={badges[status].tone}>{badges[status].text}</StatusBadge>
      </div>
      {status === 'active' && (
        <p>
          You are a member-owner of Fairstall
          {since && (
            <>
              {' '}
              since <DateText iso={since} />
            </>
          )}
          . Your sales and purchases count toward your part of each year’s surplus.
        </p>
      )}
      {status === 'pending' && (
        <p>
          We are confirming your payment with our card processor. This usually takes a minute or
          two: reload this page to check. If you left the checkout before paying, you can try again
          below.
        </p>
      )}
      {status === 'withdrawn' && (
        <p>
          You have withdrawn from the co-op
          {since && (
            <>
              {' '}
              (a member from <DateText iso={since} />)
            </>
          )}
          . You are welcome back whenever you like.
        </p>
      )}
      {status !== 'active' && (
        <>
          <p>
            Membership means buying one member share of {share}. It is capital you hold in the
            co-op, not a fee: under the bylaws it is paid back to you if you withdraw. Members own
            Fairstall together and share its surplus by patronage.
          </p>
          <form method="post" action="/account/membership" class="inline-form">
            {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
            <SubmitButton>{`Buy my member share — ${share}`}</SubmitButton>
          </form>
          <p class="small">
            You will pay on Stripe’s secure checkout page and then come back here.
          </p>
        </>
      )}
    </section>
  )
}
